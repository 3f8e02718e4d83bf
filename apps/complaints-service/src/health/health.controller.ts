import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { COMPLAINTS_SERVICE, healthPattern, type ServiceHealth } from '@xb/contracts';
import { checkDatabase, checkNats, summarise, type JetStreamHandle } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import { JETSTREAM } from '../tokens.js';

/** Answers the gateway's health probe: the database and the NATS connection the outbox publishes on. */
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
  ) {}

  @MessagePattern(healthPattern(COMPLAINTS_SERVICE))
  async ping(): Promise<ServiceHealth> {
    const [database, nats] = await Promise.all([checkDatabase(this.ds), checkNats(this.jet.nc)]);
    return summarise(COMPLAINTS_SERVICE, { database, nats });
  }
}
