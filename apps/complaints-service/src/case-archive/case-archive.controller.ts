import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_PATTERNS, type CaseArchiveEntryView, type ListResult, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { CaseArchiveService } from './case-archive.service.js';

/** NATS entry points of the case archive 案例库. */
@Controller()
export class CaseArchiveController {
  constructor(private readonly archive: CaseArchiveService) {}

  @MessagePattern(COMPLAINT_PATTERNS.caseArchiveList)
  list(@Payload() envelope: RpcEnvelope): Promise<ListResult<CaseArchiveEntryView>> {
    return this.archive.list(actorOf(envelope), envelope.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.caseArchiveGet)
  get(@Payload() envelope: RpcEnvelope): Promise<CaseArchiveEntryView> {
    return this.archive.get(actorOf(envelope), envelope.data);
  }
}
