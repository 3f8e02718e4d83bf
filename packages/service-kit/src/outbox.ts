import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { eventSubject, HEADERS, type DomainEvent } from '@xb/contracts';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { currentCorrelationId } from './correlation.js';
import type { JetStreamHandle } from './jetstream.js';

/** DDL shared by every service database: the outbox and the processed-event ledger. */
export async function createEventTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox_event (
      id uuid PRIMARY KEY,
      subject text NOT NULL,
      payload jsonb NOT NULL,
      correlation_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
  await queryRunner.query(`CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE processed_event (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropEventTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS processed_event`);
  await queryRunner.query(`DROP TABLE IF EXISTS outbox_event`);
}

export type NewEvent<P> = Omit<DomainEvent<P>, 'id' | 'occurredAt'> & {
  occurredAt?: string;
  /** The request the event comes from; defaults to the caller's current correlation id. */
  correlationId?: string | null;
};

/**
 * Writes a domain event to the outbox in the caller's transaction: the event exists
 * if and only if the change it describes was committed.
 */
export async function appendEvent<P extends Record<string, unknown>>(manager: EntityManager, event: NewEvent<P>): Promise<DomainEvent<P>> {
  const [full] = await appendEvents(manager, [event]);
  return full;
}

/** appendEvent for many events (a batch of intakes, an import) in one INSERT. */
export async function appendEvents<P extends Record<string, unknown>>(manager: EntityManager, events: readonly NewEvent<P>[]): Promise<DomainEvent<P>[]> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendEvent must run inside a transaction');
  }
  if (!events.length) return [];
  const fallbackCorrelation = currentCorrelationId() ?? null;
  const full = events.map(({ correlationId, ...event }) => ({
    correlationId: correlationId === undefined ? fallbackCorrelation : correlationId,
    event: { ...event, id: randomUUID(), occurredAt: event.occurredAt ?? new Date().toISOString() } as DomainEvent<P>,
  }));
  await manager.query(
    `INSERT INTO outbox_event (id, subject, payload, correlation_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[])`,
    [full.map((f) => f.event.id), full.map((f) => eventSubject(f.event.name)), full.map((f) => JSON.stringify(f.event)), full.map((f) => f.correlationId)],
  );
  return full.map((f) => f.event);
}

interface PendingRow {
  id: string;
  subject: string;
  payload: DomainEvent;
  correlation_id: string | null;
}

/**
 * Publishes committed outbox rows to JetStream with the row id as message id (so the
 * stream drops duplicates), retrying with back-off until NATS accepts. Several instances
 * may run: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private backoffMs = 0;
  private kicked = false;

  constructor(
    private readonly ds: DataSource,
    private readonly jet: JetStreamHandle,
    private readonly logger: Logger,
    private readonly pollMs = 200,
    private readonly batchSize = 200,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Ask for a publish pass soon (after a local commit) instead of waiting for the poll. */
  kick(): void {
    if (this.running) {
      this.kicked = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let published = 0;
    try {
      published = await this.publishBatch();
      this.backoffMs = 0;
    } catch (err) {
      this.backoffMs = Math.min(this.backoffMs ? this.backoffMs * 2 : 250, 5000);
      this.logger.warn({ err: (err as Error).message, retryInMs: this.backoffMs }, 'outbox relay: publish failed, will retry');
    } finally {
      this.running = false;
    }
    const again = published >= this.batchSize || this.kicked;
    this.kicked = false;
    this.schedule(this.backoffMs || (again ? 0 : this.pollMs));
  }

  /**
   * One pass: claims a batch, publishes it pipelined, marks what NATS acknowledged.
   *
   * Every publish of the batch is started before any ack is awaited. They go out in row
   * order on the one connection, and the server handles a connection's messages in order,
   * so when the whole batch succeeds the stream holds it in outbox order. When a publish
   * fails (timeout, disconnect), rows after it may already be stored: only the rows before
   * the first failure are marked published, the rest are published again on the next pass
   * (the stream drops those it already has, msgID = row id, within its duplicate window),
   * and the failed row then lands after them. So across a failure the stream order is not
   * guaranteed to be the outbox order; consumers must not depend on it (they dedupe by
   * event id through processed_event).
   */
  async publishBatch(): Promise<number> {
    // The bookkeeping commits even when a publish failed; the error is rethrown afterwards
    // so that tick() backs off.
    const { published, failure } = await this.ds.transaction(async (manager): Promise<{ published: number; failure?: unknown }> => {
      const rows = (await manager.query(
        `SELECT id, subject, payload, correlation_id FROM outbox_event
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )) as PendingRow[];
      if (!rows.length) return { published: 0, failure: undefined };
      const acks = rows.map((row) => {
        const h = natsHeaders();
        if (row.correlation_id) h.set(HEADERS.correlationId, row.correlation_id);
        return this.jet.js.publish(row.subject, JSON.stringify(row.payload), { msgID: row.id, headers: h, timeout: 5000 });
      });
      const results = await Promise.allSettled(acks);
      const firstFailed = results.findIndex((r) => r.status === 'rejected');
      const done = rows.slice(0, firstFailed === -1 ? rows.length : firstFailed).map((r) => r.id);
      if (done.length) {
        await manager.query(`UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [done]);
      }
      if (firstFailed === -1) return { published: done.length, failure: undefined };
      const err = (results[firstFailed] as PromiseRejectedResult).reason as unknown;
      await manager.query(`UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
        rows[firstFailed].id,
        String((err as Error)?.message ?? err).slice(0, 500),
      ]);
      return { published: done.length, failure: err ?? new Error('publish failed') };
    });
    if (failure) {
      if (published) this.logger.info({ published }, 'outbox relay: partial batch published');
      throw failure;
    }
    return published;
  }

  /** Rows still waiting for NATS (for health and tests). */
  async pendingCount(): Promise<number> {
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`)) as { n: number }[];
    return n;
  }
}
