import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcEnvelope } from '@xb/contracts';
import { CAMPAIGNS_PATTERNS, type EntryView } from '@xb/contracts/campaigns';
import { actorOf } from '@xb/service-kit';
import { EntriesService } from './entries.service.js';

/** NATS request-reply entry points of the entry aggregate: unwrap the envelope, call, return. */
@Controller()
export class EntriesRpcController {
  constructor(private readonly entries: EntriesService) {}

  @MessagePattern(CAMPAIGNS_PATTERNS.create)
  async create(@Payload() envelope: RpcEnvelope): Promise<EntryView> {
    return this.entries.create(actorOf(envelope), envelope.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.get)
  async get(@Payload() envelope: RpcEnvelope): Promise<EntryView> {
    return this.entries.get(actorOf(envelope), envelope.data);
  }
}
