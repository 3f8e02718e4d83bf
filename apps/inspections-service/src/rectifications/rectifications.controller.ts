import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ListResult, RpcEnvelope } from '@xb/contracts';
import { INSPECTIONS_PATTERNS, type OverdueRunResult, type RectificationView } from '@xb/contracts/inspections';
import { actorOf } from '@xb/service-kit';
import { RectificationsService } from './rectifications.service.js';

/** NATS request-reply entry points of the rectifications 整改. */
@Controller()
export class RectificationsController {
  constructor(private readonly rectifications: RectificationsService) {}

  @MessagePattern(INSPECTIONS_PATTERNS.rectificationList)
  list(@Payload() e: RpcEnvelope): Promise<ListResult<RectificationView>> {
    return this.rectifications.list(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.rectificationGet)
  get(@Payload() e: RpcEnvelope): Promise<RectificationView> {
    return this.rectifications.get(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.rectificationFix)
  fix(@Payload() e: RpcEnvelope): Promise<RectificationView> {
    return this.rectifications.fix(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.rectificationVerify)
  verify(@Payload() e: RpcEnvelope): Promise<RectificationView> {
    return this.rectifications.verify(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.rectificationReject)
  reject(@Payload() e: RpcEnvelope): Promise<RectificationView> {
    return this.rectifications.reject(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.overdueRun)
  runOverdue(@Payload() e: RpcEnvelope): Promise<OverdueRunResult> {
    return this.rectifications.runOverdue(actorOf(e));
  }
}
