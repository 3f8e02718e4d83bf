import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_PATTERNS, type AttachmentView, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { ComplaintAttachmentsService } from './complaint-attachments.service.js';

/** NATS entry points of complaint attachments: unwrap, call, return. */
@Controller()
export class ComplaintAttachmentsController {
  constructor(private readonly attachments: ComplaintAttachmentsService) {}

  @MessagePattern(COMPLAINT_PATTERNS.attachFile)
  attach(@Payload() envelope: RpcEnvelope): Promise<AttachmentView> {
    return this.attachments.attach(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.attachments)
  list(@Payload() envelope: RpcEnvelope): Promise<AttachmentView[]> {
    return this.attachments.list(actorOf(envelope), envelope.data);
  }
}
