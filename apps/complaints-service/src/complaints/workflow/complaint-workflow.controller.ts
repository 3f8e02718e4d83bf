import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_PATTERNS, type ComplaintView, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { ComplaintWorkflowService } from './complaint-workflow.service.js';

/** One NATS pattern per workflow action; every one goes through the same applier. */
@Controller()
export class ComplaintWorkflowController {
  constructor(private readonly workflow: ComplaintWorkflowService) {}

  @MessagePattern(COMPLAINT_PATTERNS.assign)
  assign(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('assign', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.start)
  start(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('start', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.resolve)
  resolve(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('resolve', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.reply)
  reply(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('reply', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.close)
  close(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('close', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.reject)
  reject(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('reject', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.withdraw)
  withdraw(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('withdraw', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.reopen)
  reopen(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('reopen', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.extend)
  extend(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('extend', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.pause)
  pause(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('pause', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.resume)
  resume(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('resume', actorOf(e), e.data);
  }

  @MessagePattern(COMPLAINT_PATTERNS.markTypical)
  markTypical(@Payload() e: RpcEnvelope): Promise<ComplaintView> {
    return this.workflow.apply('mark-typical', actorOf(e), e.data);
  }
}
