import type { Actor } from './actor.js';

/** The one JetStream stream that carries every durable domain event. */
export const EVENTS_STREAM = 'EVENTS';
/** Domain events travel on `events.<service>.<aggregate>.<past-tense>` so that the
 * stream never captures request-reply subjects (`<service>.<aggregate>.<verb>`). */
export const EVENT_SUBJECT_PREFIX = 'events.';
export const eventSubject = (eventName: string): string => `${EVENT_SUBJECT_PREFIX}${eventName}`;
export const eventNameOf = (subject: string): string =>
  subject.startsWith(EVENT_SUBJECT_PREFIX) ? subject.slice(EVENT_SUBJECT_PREFIX.length) : subject;

/** A durable domain event. `id` is the outbox row id and the JetStream message id. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  name: string;
  occurredAt: string;
  actor: Pick<Actor, 'id' | 'username' | 'orgUnitId'> | null;
  aggregateType: string;
  aggregateId: string;
  /** Org path of the record the event is about, for scoped consumers. */
  orgPath?: string;
  payload: P;
}

/** NATS header names used across the platform. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
} as const;
