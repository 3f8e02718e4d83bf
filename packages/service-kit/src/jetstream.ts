import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { EVENTS_STREAM, EVENT_SUBJECT_PREFIX } from '@xb/contracts';
import type { Logger } from 'pino';

export interface JetStreamHandle {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

const nanos = (ms: number) => ms * 1_000_000;

/** Connects to NATS for JetStream work; reconnects forever so an outage is ridden out, not fatal. */
export async function connectJetStream(url: string, name: string, logger?: Logger): Promise<JetStreamHandle> {
  const nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true });
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') logger?.warn({ nats: s.type }, `nats ${s.type}`);
    }
  })();
  const jsm = await jetstreamManager(nc);
  return { nc, js: jetstream(nc), jsm };
}

/** The one durable stream of domain events (`events.>`); creating it twice is harmless. */
export async function ensureEventsStream(jsm: JetStreamManager): Promise<void> {
  const config = {
    name: EVENTS_STREAM,
    subjects: [`${EVENT_SUBJECT_PREFIX}>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(90 * 24 * 3600 * 1000),
    // JetStream drops a re-published outbox row with the same msgID within this window.
    duplicate_window: nanos(10 * 60 * 1000),
  };
  try {
    await jsm.streams.info(EVENTS_STREAM);
    await jsm.streams.update(EVENTS_STREAM, config);
  } catch (err) {
    if (String((err as Error).message).includes('not found')) {
      await jsm.streams.add(config);
    } else {
      throw err;
    }
  }
}
