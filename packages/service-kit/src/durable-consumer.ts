import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { EVENTS_STREAM, HEADERS, type DomainEvent } from '@xb/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { runWithCorrelation } from './correlation.js';
import type { JetStreamHandle } from './jetstream.js';

export interface DurableConsumerOptions {
  /** Durable name; every instance of the consuming app shares it, so each event goes to one of them. */
  durable: string;
  /** One subject filter per consumer (server 2.9 has no filter_subjects). */
  filterSubject: string;
  /** Handles one event inside a transaction that also records the event id as processed. */
  handle: (event: DomainEvent, manager: EntityManager, subject: string) => Promise<void>;
  ackWaitMs?: number;
}

const nanos = (ms: number) => ms * 1_000_000;

/**
 * A durable JetStream pull consumer with explicit acks that processes each event once:
 * the event id goes into `processed_event` in the same transaction as the handler's
 * writes, so a redelivery (crash before ack, second instance) is recognised and skipped.
 */
export class DurableConsumer {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly jet: JetStreamHandle,
    private readonly logger: Logger,
    private readonly options: DurableConsumerOptions,
  ) {}

  async start(): Promise<void> {
    const { durable, filterSubject } = this.options;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      max_deliver: -1,
    };
    try {
      await this.jet.jsm.consumers.info(EVENTS_STREAM, durable);
    } catch {
      await this.jet.jsm.consumers.add(EVENTS_STREAM, config);
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.jet.js.consumers.get(EVENTS_STREAM, this.options.durable);
        this.messages = await consumer.consume({ max_messages: 100 });
        for await (const msg of this.messages) {
          await this.process(msg);
          if (this.stopped) break;
        }
      } catch (err) {
        if (this.stopped) break;
        this.logger.warn({ err: (err as Error).message, durable: this.options.durable }, 'consumer interrupted; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async process(msg: JsMsg): Promise<void> {
    let event: DomainEvent;
    try {
      event = msg.json<DomainEvent>();
    } catch {
      this.logger.error({ subject: msg.subject, seq: msg.seq }, 'undecodable event; terminating it');
      msg.term();
      return;
    }
    const correlationId = msg.headers?.get(HEADERS.correlationId) || undefined;
    await runWithCorrelation(correlationId, async () => {
      try {
        await this.ds.transaction(async (manager) => {
          const inserted = (await manager.query(
            `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.options.durable, event.id],
          )) as unknown[];
          if (inserted.length === 0) return; // already processed: a redelivery
          await this.options.handle(event, manager, msg.subject);
        });
        msg.ack();
      } catch (err) {
        this.logger.error({ err: (err as Error).message, eventId: event.id, name: event.name }, 'event handler failed; will be redelivered');
        msg.nak(2000);
      }
    });
  }
}
