import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENTS_STREAM, HEADERS } from '@xb/contracts';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { runWithCorrelation } from './correlation.js';
import { startEventHarness, type EventHarness } from './event-harness.test-support.js';
import type { JetStreamHandle } from './jetstream.js';
import { appendEvent, OutboxRelay } from './outbox.js';

const logger = pino({ level: 'silent' });

interface Stored {
  id: string;
  correlationId: string | undefined;
}

describe('outbox relay pipelined publishing (real PostgreSQL + NATS JetStream)', () => {
  let harness: EventHarness;
  let ds: DataSource;
  let jet: JetStreamHandle;

  beforeAll(async () => {
    harness = await startEventHarness('kit_relay');
    ({ ds, jet } = harness);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  /** Everything the stream holds under `filter`, in stream order. */
  const streamContents = async (filter: string, expected: number): Promise<Stored[]> => {
    const consumer = await jet.js.consumers.get(EVENTS_STREAM, { filter_subjects: filter });
    const out: Stored[] = [];
    const messages = await consumer.fetch({ max_messages: expected + 10, expires: 1500 });
    for await (const m of messages) {
      out.push({ id: m.json<{ id: string }>().id, correlationId: m.headers?.get(HEADERS.correlationId) || undefined });
    }
    return out;
  };

  it('publishes every pending row, in outbox order, and marks them published', async () => {
    const relay = new OutboxRelay(ds, jet, logger, 50, 200);
    // Three transactions of 150: 450 rows, so the batches are 200, 200 and 50.
    for (let t = 0; t < 3; t++) {
      await runWithCorrelation(`corr-order-${t}`, () =>
        ds.transaction(async (m) => {
          for (let i = 0; i < 150; i++) {
            await appendEvent(m, { name: 'relay.order.appended', actor: null, aggregateType: 'thing', aggregateId: `${t}-${i}`, payload: { t, i } });
          }
        }),
      );
    }
    const outboxOrder = (await ds.query(`SELECT id, correlation_id FROM outbox_event ORDER BY created_at, id`)) as { id: string; correlation_id: string }[];
    expect(outboxOrder).toHaveLength(450);

    const passes: number[] = [];
    for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) passes.push(n);
    expect(passes).toEqual([200, 200, 50]);
    expect(await relay.pendingCount()).toBe(0);
    const [state] = (await ds.query(
      `SELECT count(*)::int AS n, min(attempts)::int AS min_attempts, max(attempts)::int AS max_attempts, count(last_error)::int AS errors FROM outbox_event`,
    )) as { n: number; min_attempts: number; max_attempts: number; errors: number }[];
    expect(state).toEqual({ n: 450, min_attempts: 1, max_attempts: 1, errors: 0 });

    const stored = await streamContents('events.relay.order.>', 450);
    expect(stored.map((s) => s.id)).toEqual(outboxOrder.map((r) => r.id));
    expect(stored.map((s) => s.correlationId)).toEqual(outboxOrder.map((r) => r.correlation_id));
  });

  it('on a failed publish marks only the rows before it, records the failure, commits and throws; the next pass publishes the rest once', async () => {
    const relay = new OutboxRelay(ds, jet, logger, 50, 200);
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const base = Date.now();
    for (const [i, id] of ids.entries()) {
      // Row 4 goes to a subject no stream listens on: NATS answers "no responders".
      const subject = i === 4 ? 'relay-nostream.fail.appended' : 'events.relay.fail.appended';
      const payload = { id, name: 'relay.fail.appended', occurredAt: new Date(base).toISOString(), actor: null, aggregateType: 't', aggregateId: String(i), payload: { i } };
      await ds.query(`INSERT INTO outbox_event (id, subject, payload, created_at) VALUES ($1, $2, $3, $4)`, [id, subject, JSON.stringify(payload), new Date(base + i)]);
    }

    await expect(relay.publishBatch()).rejects.toThrow();
    const rows = (await ds.query(`SELECT id, published_at, attempts, last_error FROM outbox_event WHERE id = ANY($1::uuid[]) ORDER BY created_at`, [ids])) as {
      id: string;
      published_at: Date | null;
      attempts: number;
      last_error: string | null;
    }[];
    expect(rows.map((r) => r.published_at !== null)).toEqual([true, true, true, true, false, false, false, false, false, false]);
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(rows[4].last_error).toBeTruthy();
    expect(rows.filter((r) => r.last_error !== null)).toHaveLength(1);
    expect(await relay.pendingCount()).toBe(6);

    // Fix the row; the next pass publishes the six rows left, and the stream keeps each id once.
    await ds.query(`UPDATE outbox_event SET subject = 'events.relay.fail.appended' WHERE id = $1`, [ids[4]]);
    expect(await relay.publishBatch()).toBe(6);
    expect(await relay.pendingCount()).toBe(0);
    const stored = (await streamContents('events.relay.fail.>', 10)).map((s) => s.id);
    expect(stored).toHaveLength(10);
    expect(new Set(stored)).toEqual(new Set(ids));
    // Rows 5..9 reached the stream during the failed pass (and were dropped as duplicates
    // on the second), so the failed row landed after them: order holds only without failures.
    expect(stored).toEqual([...ids.slice(0, 4), ...ids.slice(5), ids[4]]);
  });
});
