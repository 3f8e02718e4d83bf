import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  COMPLAINT_PATTERNS,
  type ComplaintCodes,
  type ComplaintListFilterDto,
  type ComplaintPii,
  type ComplaintView,
  type CreateComplaintCommand,
  type ListQuery,
  type ListResult,
  type RpcEnvelope,
} from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { ComplaintsService } from './complaints.service.js';

/** NATS request-reply entry points of the complaints aggregate: unwrap the envelope, call, return. */
@Controller()
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @MessagePattern(COMPLAINT_PATTERNS.create)
  async create(@Payload() envelope: RpcEnvelope<CreateComplaintCommand>): Promise<ComplaintView> {
    return this.complaints.create(actorOf(envelope), envelope.data, envelope.idempotencyKey);
  }

  @MessagePattern(COMPLAINT_PATTERNS.list)
  async list(@Payload() envelope: RpcEnvelope<ListQuery<ComplaintListFilterDto>>): Promise<ListResult<ComplaintView>> {
    return this.complaints.list(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.get)
  async get(@Payload() envelope: RpcEnvelope<{ id: string }>): Promise<ComplaintView> {
    return this.complaints.get(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.revealPii)
  async revealPii(@Payload() envelope: RpcEnvelope<{ id: string }>): Promise<ComplaintPii> {
    return this.complaints.revealPii(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.codes)
  async codes(@Payload() envelope: RpcEnvelope<unknown>): Promise<ComplaintCodes> {
    actorOf(envelope);
    return this.complaints.codes();
  }
}
