import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ListResult, RpcEnvelope } from '@xb/contracts';
import { INSPECTIONS_PATTERNS, type TemplateView } from '@xb/contracts/inspections';
import { actorOf } from '@xb/service-kit';
import { TemplatesService } from './templates.service.js';

/** NATS request-reply entry points of the templates: unwrap the envelope, call, return. */
@Controller()
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @MessagePattern(INSPECTIONS_PATTERNS.templateCreate)
  create(@Payload() e: RpcEnvelope): Promise<TemplateView> {
    return this.templates.create(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.templateUpdate)
  update(@Payload() e: RpcEnvelope): Promise<TemplateView> {
    return this.templates.update(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.templatePublish)
  publish(@Payload() e: RpcEnvelope): Promise<TemplateView> {
    return this.templates.publish(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.templateList)
  list(@Payload() e: RpcEnvelope): Promise<ListResult<TemplateView>> {
    return this.templates.list(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.templateGet)
  get(@Payload() e: RpcEnvelope): Promise<TemplateView> {
    return this.templates.get(actorOf(e), e.data);
  }
}
