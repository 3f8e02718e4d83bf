import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { EVENTS_STREAM, HEADERS, type DomainEvent } from '@xb/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { runWithCorrelation } from './correlation.js';
import type { JetStreamHandle } from './jetstream.js';

/** One event of a batch, with the correlation id its message carried (if any). */
export interface ConsumedEvent {
  event: DomainEvent;
  subject: string;
  correlationId?: string;
}

interface DurableConsumerBaseOptions {
  /** Durable name; every instance of the consuming app shares it, so each event goes to one of them. */
  durable: string;
  /** One subject filter per consumer (server 2.9 has no filter_subjects). */
  filterSubject: string;
  ackWaitMs?: number;
  /** Most events handled in one transaction (default 200). */
  maxBatch?: number;
  /**
   * Called after a batch transaction commits, with the number of messages it covered
   * (duplicates included). Not called for the one-by-one fallback. For metrics and tests.
   */
  onBatch?: (size: number) => void;
}

/** Handles one event inside a transaction that also records the event id as processed. */
export type HandleOne = (event: DomainEvent, manager: EntityManager, subject: string) => Promise<void>;
/**
 * Handles the not-yet-processed events of a batch, in delivery order, inside one transaction
 * that also records their ids as processed. Each item carries its message's correlation id.
 */
export type HandleBatch = (items: ConsumedEvent[], manager: EntityManager) => Promise<void>;

/** Give exactly one of `handle` (called per event) and `handleBatch` (called per batch). */
export type DurableConsumerOptions = DurableConsumerBaseOptions &
  ({ handle: HandleOne; handleBatch?: never } | { handleBatch: HandleBatch; handle?: never });

const nanos = (ms: number) => ms * 1_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Most messages delivered to this consumer and not yet acknowledged. JetStream stops
 * delivering once this many are outstanding, which is what bounds the in-memory queue.
 */
const MAX_ACK_PENDING = 1000;

/** Acks and naks are fire-and-forget publishes; one failing (connection closed) must not stop the loop. */
function settle(fn: () => void): void {
  try {
    fn();
  } catch {}
}

interface Decoded extends ConsumedEvent {
  msg: JsMsg;
}

/**
 * A durable JetStream pull consumer with explicit acks that processes each event once:
 * the event id goes into `processed_event` in the same transaction as the handler's
 * writes, so a redelivery (crash before ack, second instance) is recognised and skipped.
 *
 * Messages are processed in batches: whatever has arrived while the previous batch was
 * being written (up to `maxBatch`) goes into one transaction with one ledger insert, and
 * is acknowledged after the commit. If that transaction fails, each message of the batch
 * is retried alone in its own transaction, so one failing event cannot hold back the rest.
 */
export class DurableConsumer {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private drainer: Promise<void> | undefined;
  /**
   * Delivered, not yet processed messages. Every one of them is unacknowledged, and
   * JetStream delivers nothing more once max_ack_pending messages are (MAX_ACK_PENDING
   * for consumers created here), so that bounds the queue. The one way past it is a
   * redelivered copy of a message still waiting here, which needs the queue to fall more
   * than ack_wait behind; such a copy is recognised by the ledger and only acked.
   */
  private readonly queue: JsMsg[] = [];
  private wake: (() => void) | undefined;
  private readonly maxBatch: number;

  constructor(
    private readonly ds: DataSource,
    private readonly jet: JetStreamHandle,
    private readonly logger: Logger,
    private readonly options: DurableConsumerOptions,
  ) {
    const { handle, handleBatch } = options as { handle?: unknown; handleBatch?: unknown };
    if ((typeof handle === 'function') === (typeof handleBatch === 'function')) {
      throw new Error(`DurableConsumer "${options.durable}": give exactly one of "handle" and "handleBatch"`);
    }
    this.maxBatch = Math.max(1, options.maxBatch ?? 200);
  }

  async start(): Promise<void> {
    const { durable, filterSubject } = this.options;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      max_deliver: -1,
      max_ack_pending: MAX_ACK_PENDING,
    };
    try {
      await this.jet.jsm.consumers.info(EVENTS_STREAM, durable);
    } catch {
      await this.jet.jsm.consumers.add(EVENTS_STREAM, config);
    }
    this.stopped = false;
    this.drainer = this.drain();
    this.loop = this.run();
  }

  /** Stops receiving, lets the batch in progress finish, and hands queued messages back to JetStream. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
    this.signal();
    await this.drainer?.catch(() => undefined);
    // Not started here: nak without delay so another instance gets them right away.
    for (const msg of this.queue.splice(0)) settle(() => msg.nak());
  }

  /** Receives messages into the queue; the drain loop processes them. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.jet.js.consumers.get(EVENTS_STREAM, this.options.durable);
        this.messages = await consumer.consume({ max_messages: this.maxBatch });
        // stop() may have run while consume() was being set up, with nothing to close yet:
        // close now; the loop below then ends (close settles once the iterator has drained).
        if (this.stopped) void this.messages.close();
        for await (const msg of this.messages) {
          this.queue.push(msg);
          this.signal();
          if (this.stopped) break;
        }
      } catch (err) {
        if (this.stopped) break;
        this.logger.warn({ err: (err as Error).message, durable: this.options.durable }, 'consumer interrupted; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The one loop that processes messages: takes everything queued (up to maxBatch) per transaction. */
  private async drain(): Promise<void> {
    while (!this.stopped) {
      if (!this.queue.length) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.processBatch(batch);
      } catch (err) {
        // processBatch handles its own failures; this is a last resort so the loop never dies.
        this.logger.error({ err: (err as Error).message, durable: this.options.durable }, 'consumer batch crashed; redelivering');
        for (const msg of batch) settle(() => msg.nak(2000));
      }
    }
  }

  private decode(msg: JsMsg): Decoded | undefined {
    let event: DomainEvent;
    try {
      event = msg.json<DomainEvent>();
    } catch {
      event = undefined as unknown as DomainEvent;
    }
    // The ledger keys on the event id: an event without a valid one can never be recorded.
    if (!event || typeof event !== 'object' || typeof event.id !== 'string' || !UUID.test(event.id)) {
      this.logger.error({ subject: msg.subject, seq: msg.seq }, 'undecodable event; terminating it');
      msg.term();
      return undefined;
    }
    const correlationId = msg.headers?.get(HEADERS.correlationId) || undefined;
    return { msg, event, subject: msg.subject, correlationId };
  }

  private async processBatch(msgs: JsMsg[]): Promise<void> {
    const items = msgs.map((m) => this.decode(m)).filter((d): d is Decoded => d !== undefined);
    if (!items.length) return;
    try {
      await this.ds.transaction(async (manager) => {
        const ids = [...new Set(items.map((i) => i.event.id.toLowerCase()))];
        const inserted = (await manager.query(
          `INSERT INTO processed_event (consumer, event_id)
           SELECT $1, id FROM unnest($2::uuid[]) AS t(id)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.durable, ids],
        )) as { event_id: string }[];
        if (!inserted.length) return; // all already processed: redeliveries
        const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
        // In delivery order; an event delivered twice within the batch is handled once.
        const todo: Decoded[] = [];
        for (const item of items) {
          const id = item.event.id.toLowerCase();
          if (fresh.delete(id)) todo.push(item);
        }
        await this.handleInTransaction(todo, manager);
      });
    } catch (err) {
      if (items.length === 1) {
        this.fail(items[0], err);
        return;
      }
      this.logger.warn(
        { err: (err as Error).message, durable: this.options.durable, size: items.length },
        'batch failed; processing its events one by one',
      );
      for (const item of items) await this.processOne(item);
      return;
    }
    for (const item of items) item.msg.ack();
    this.options.onBatch?.(items.length);
  }

  private async handleInTransaction(todo: Decoded[], manager: EntityManager): Promise<void> {
    const { handle, handleBatch } = this.options;
    if (handleBatch) {
      if (todo.length) await handleBatch(todo.map(({ event, subject, correlationId }) => ({ event, subject, correlationId })), manager);
      return;
    }
    if (!handle) return; // unreachable: the constructor requires one of the two
    for (const item of todo) {
      await runWithCorrelation(item.correlationId, () => handle(item.event, manager, item.subject));
    }
  }

  /** The one-event path: its own transaction, nak with delay on failure so it is redelivered later. */
  private async processOne(item: Decoded): Promise<void> {
    await runWithCorrelation(item.correlationId, async () => {
      try {
        await this.ds.transaction(async (manager) => {
          const inserted = (await manager.query(
            `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.options.durable, item.event.id],
          )) as unknown[];
          if (inserted.length === 0) return; // already processed: a redelivery
          await this.handleInTransaction([item], manager);
        });
        item.msg.ack();
      } catch (err) {
        this.fail(item, err);
      }
    });
  }

  private fail(item: Decoded, err: unknown): void {
    this.logger.error(
      { err: (err as Error).message, eventId: item.event.id, name: item.event.name },
      'event handler failed; will be redelivered',
    );
    item.msg.nak(2000);
  }
}
