import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  COMPLAINT_PATTERNS,
  type ComplaintCodes,
  type ComplaintListFilterDto,
  type ComplaintPii,
  type ComplaintTimelineEntryView,
  type ComplaintView,
  type CreateComplaintCommand,
  type ImportComplaintsResult,
  type ListQuery,
  type ListResult,
  type RpcEnvelope,
} from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintsService } from './complaints.service.js';

/** NATS request-reply entry points of the complaints aggregate: unwrap the envelope, call, return. */
@Controller()
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly intake: ComplaintIntakeService,
  ) {}

  @MessagePattern(COMPLAINT_PATTERNS.create)
  async create(@Payload() envelope: RpcEnvelope<CreateComplaintCommand>): Promise<ComplaintView> {
    return this.intake.create(actorOf(envelope), envelope.data, envelope.idempotencyKey);
  }

  @MessagePattern(COMPLAINT_PATTERNS.import)
  async import(@Payload() envelope: RpcEnvelope): Promise<ImportComplaintsResult> {
    return this.intake.importMany(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.list)
  async list(@Payload() envelope: RpcEnvelope<ListQuery<ComplaintListFilterDto>>): Promise<ListResult<ComplaintView>> {
    return this.complaints.list(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.count)
  async count(@Payload() envelope: RpcEnvelope<Pick<ListQuery<ComplaintListFilterDto>, 'filter'>>): Promise<{ total: number }> {
    return this.complaints.count(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.get)
  async get(@Payload() envelope: RpcEnvelope<{ id: string }>): Promise<ComplaintView> {
    return this.complaints.get(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.timeline)
  async timeline(@Payload() envelope: RpcEnvelope<{ id: string }>): Promise<ComplaintTimelineEntryView[]> {
    return this.complaints.timeline(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.queue)
  async queue(@Payload() envelope: RpcEnvelope): Promise<ListResult<ComplaintView>> {
    return this.complaints.queue(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.supervisionBoard)
  async supervisionBoard(@Payload() envelope: RpcEnvelope): Promise<ListResult<ComplaintView>> {
    return this.complaints.supervisionBoard(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.revealPii)
  async revealPii(@Payload() envelope: RpcEnvelope<{ id: string; reason: string }>): Promise<ComplaintPii> {
    return this.complaints.revealPii(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.codes)
  async codes(@Payload() envelope: RpcEnvelope<unknown>): Promise<ComplaintCodes> {
    actorOf(envelope);
    return this.complaints.codes();
  }
}
