import { Injectable } from '@nestjs/common';
import {
  DIRECTORY_AGGREGATES,
  type Actor,
  type DirectoryEventName,
  type DirectoryEventPayloads,
} from '@xb/contracts';
import { appendEvent, OutboxRelay } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';

/**
 * Writes directory events (`events.org.unit.*`, `events.auth.user.*`) to the gateway's
 * outbox in the caller's transaction, so an event exists exactly when its change was
 * committed. They reach the audit log through the audit consumer like every other event:
 * the change is audited once, from its event.
 */
@Injectable()
export class DirectoryEvents {
  constructor(private readonly relay: OutboxRelay) {}

  async append<N extends DirectoryEventName>(m: EntityManager, actor: Actor, name: N, payload: DirectoryEventPayloads[N], orgPath: string): Promise<void> {
    const isUnit = name.startsWith('org.unit.');
    await appendEvent(m, {
      name,
      actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
      aggregateType: isUnit ? DIRECTORY_AGGREGATES.unit : DIRECTORY_AGGREGATES.user,
      aggregateId: payload.id,
      orgPath,
      payload,
    });
  }

  /** After the commit: publish now rather than at the relay's next poll. */
  published(): void {
    this.relay.kick();
  }
}
