import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EVENT_SUBJECT_PREFIX, type DomainEvent } from '@xb/contracts';
import { DurableConsumer, ensureEventsStream, type JetStreamHandle } from '@xb/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { JETSTREAM, LOGGER } from '../common/tokens.js';
import { AuditService, type NewAuditEntry } from './audit.service.js';

/** Feeds every domain event from JetStream into the audit log, once per event. */
@Injectable()
export class AuditConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: DurableConsumer | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.AUDIT_CONSUMER === 'false') return;
    await ensureEventsStream(this.jet.jsm);
    this.consumer = new DurableConsumer(this.ds, this.jet, this.logger, {
      durable: 'gateway-audit',
      filterSubject: `${EVENT_SUBJECT_PREFIX}>`,
      // One transaction per batch of events: one chain lock, one read of the last hash, one INSERT.
      handleBatch: (items, manager) => this.audit.appendMany(items.map(({ event, correlationId }) => auditEntryOf(event, correlationId)), manager),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}

/** The audit entry for one domain event; the correlation id is the one its message carried. */
export function auditEntryOf(event: DomainEvent, correlationId: string | undefined): NewAuditEntry {
  return {
    actor: event.actor ? { id: event.actor.id, username: event.actor.username } : null,
    action: event.name,
    resource: event.aggregateType,
    resourceId: event.aggregateId,
    details: { ...event.payload, ...(event.orgPath ? { orgPath: event.orgPath } : {}) },
    eventId: event.id,
    at: new Date(event.occurredAt),
    correlationId: correlationId ?? null,
  };
}
