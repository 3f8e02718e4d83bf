import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENTS_STREAM, HEADERS, type DomainEvent } from '@xb/contracts';
import { waitFor } from '@xb/test-kit';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { currentCorrelationId } from './correlation.js';
import { DurableConsumer, type ConsumedEvent, type DurableConsumerOptions } from './durable-consumer.js';
import { startEventHarness, type EventHarness } from './event-harness.test-support.js';
import type { JetStreamHandle } from './jetstream.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('durable consumer batching (real PostgreSQL + NATS JetStream)', () => {
  let harness: EventHarness;
  let ds: DataSource;
  let jet: JetStreamHandle;

  beforeAll(async () => {
    harness = await startEventHarness('kit_consumer');
    ({ ds, jet } = harness);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const event = (tag: string, i: number): DomainEvent => ({
    id: randomUUID(),
    name: `dc.${tag}.happened`,
    occurredAt: new Date().toISOString(),
    actor: null,
    aggregateType: 'thing',
    aggregateId: `${tag}-${i}`,
    payload: { i },
  });

  /** Publishes pipelined (all requests out before any ack is awaited), like the outbox relay. */
  const publish = async (events: DomainEvent[], opts: { correlation?: (i: number) => string | undefined; msgId?: (e: DomainEvent, i: number) => string } = {}) => {
    await Promise.all(
      events.map((e, i) => {
        const h = natsHeaders();
        const c = opts.correlation?.(i);
        if (c) h.set(HEADERS.correlationId, c);
        return jet.js.publish(`events.dc.${e.name.split('.')[1]}.happened`, JSON.stringify(e), { msgID: opts.msgId?.(e, i) ?? e.id, headers: h });
      }),
    );
  };

  const ledger = async (durable: string) => {
    const rows = (await ds.query(`SELECT event_id FROM processed_event WHERE consumer = $1`, [durable])) as { event_id: string }[];
    return new Set(rows.map((r) => r.event_id));
  };

  const consumerState = (durable: string) => jet.jsm.consumers.info(EVENTS_STREAM, durable);

  it('requires exactly one of handle and handleBatch', () => {
    const base = { durable: 'dc-bad', filterSubject: 'events.dc.bad.>' };
    const handle = async () => undefined;
    expect(() => new DurableConsumer(ds, jet, logger, base as DurableConsumerOptions)).toThrow(/exactly one of "handle" and "handleBatch"/);
    expect(() => new DurableConsumer(ds, jet, logger, { ...base, handle, handleBatch: handle } as unknown as DurableConsumerOptions)).toThrow(
      /exactly one/,
    );
  });

  it('handles a burst of 300 events exactly once, in order, in multi-event transactions, each with its correlation id', async () => {
    const events = Array.from({ length: 300 }, (_, i) => event('burst', i));
    await publish(events, { correlation: (i) => `corr-burst-${i}` });
    const seen: { id: string; correlationId: string | undefined }[] = [];
    const batches: number[] = [];
    const consumer = new DurableConsumer(ds, jet, logger, {
      durable: 'dc-burst',
      filterSubject: 'events.dc.burst.>',
      onBatch: (size) => batches.push(size),
      handle: async (e, manager) => {
        // The first event is slow, so the rest of the burst is sure to queue up behind it.
        if (!seen.length) await sleep(200);
        seen.push({ id: e.id, correlationId: currentCorrelationId() });
        await manager.query(`INSERT INTO seen (event_id, consumer) VALUES ($1, 'burst')`, [e.id]);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => (await ledger('dc-burst')).size === events.length, { what: 'all burst events in the ledger' });
      await waitFor(async () => (await consumerState('dc-burst')).num_ack_pending === 0, { what: 'all burst events acked' });
    } finally {
      await consumer.stop();
    }
    expect(seen.map((s) => s.id)).toEqual(events.map((e) => e.id));
    expect(seen.map((s) => s.correlationId)).toEqual(events.map((_, i) => `corr-burst-${i}`));
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM seen WHERE consumer = 'burst'`);
    expect(n).toBe(events.length);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    expect(Math.max(...batches)).toBeLessThanOrEqual(200);
    const info = await consumerState('dc-burst');
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('gives handleBatch the fresh events in order with their correlation ids, and handles a duplicate delivery once', async () => {
    const events = Array.from({ length: 60 }, (_, i) => event('hb', i));
    // Every tenth event goes out twice under different message ids, so the stream keeps both copies.
    await publish(events, { correlation: (i) => (i % 3 === 0 ? undefined : `corr-hb-${i}`) });
    const again = events.filter((_, i) => i % 10 === 0);
    await publish(again, { msgId: (e) => `${e.id}-again` });
    const items: ConsumedEvent[] = [];
    const calls: number[] = [];
    const consumer = new DurableConsumer(ds, jet, logger, {
      durable: 'dc-hb',
      filterSubject: 'events.dc.hb.>',
      handleBatch: async (batch, manager) => {
        if (!calls.length) await sleep(200); // let the rest queue up behind the first batch
        calls.push(batch.length);
        items.push(...batch);
        for (const item of batch) await manager.query(`INSERT INTO seen (event_id, consumer) VALUES ($1, 'hb')`, [item.event.id]);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => (await ledger('dc-hb')).size === events.length, { what: 'all hb events in the ledger' });
      await waitFor(async () => {
        const info = await consumerState('dc-hb');
        return info.num_ack_pending === 0 && info.num_pending === 0;
      }, { what: 'all hb messages (duplicates included) acked' });
    } finally {
      await consumer.stop();
    }
    expect(items.map((i) => i.event.id)).toEqual(events.map((e) => e.id));
    expect(items.map((i) => i.correlationId)).toEqual(events.map((_, i) => (i % 3 === 0 ? undefined : `corr-hb-${i}`)));
    expect(items.every((i) => i.subject === 'events.dc.hb.happened')).toBe(true);
    expect(Math.max(...calls)).toBeGreaterThan(1);
    const [{ n }] = await ds.query(`SELECT count(DISTINCT event_id)::int AS n, count(*)::int AS total FROM seen WHERE consumer = 'hb'`);
    expect(n).toBe(events.length);
    expect((await ledger('dc-hb')).size).toBe(events.length);
  });

  it('does not let a poison event in a batch hold back the others: they are processed and acked, it is redelivered', async () => {
    const events = Array.from({ length: 300 }, (_, i) => event('poison', i));
    const poison = events[150].id;
    await publish(events);
    let first = true;
    let poisonAttempts = 0;
    let poisonInBigBatch = false;
    const batches: number[] = [];
    const consumer = new DurableConsumer(ds, jet, logger, {
      durable: 'dc-poison',
      filterSubject: 'events.dc.poison.>',
      onBatch: (size) => batches.push(size),
      handleBatch: async (batch, manager) => {
        // The first batch is slow, so the rest of the burst queues up behind it.
        if (first) {
          first = false;
          await sleep(300);
        }
        for (const item of batch) {
          await manager.query(`INSERT INTO seen (event_id, consumer) VALUES ($1, 'poison')`, [item.event.id]);
          if (item.event.id === poison) {
            poisonAttempts++;
            if (batch.length > 1) poisonInBigBatch = true;
            throw new Error('poison');
          }
        }
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => (await ledger('dc-poison')).size === events.length - 1, { what: 'all but the poison event processed' });
      await waitFor(async () => (await consumerState('dc-poison')).num_ack_pending <= 1, { what: 'all but the poison event acked' });
      // nak(2000): the poison event keeps coming back, and keeps failing alone.
      await waitFor(() => poisonAttempts >= 3, { what: 'poison event redelivered', timeoutMs: 15000 });
    } finally {
      await consumer.stop();
    }
    expect(poisonInBigBatch).toBe(true);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    const done = await ledger('dc-poison');
    expect(done.has(poison)).toBe(false);
    expect(events.filter((e) => e.id !== poison).every((e) => done.has(e.id))).toBe(true);
    // The failed batch rolled back: every side effect of the others exists exactly once, none of the poison's.
    const rows = (await ds.query(`SELECT event_id, count(*)::int AS n FROM seen WHERE consumer = 'poison' GROUP BY event_id`)) as { event_id: string; n: number }[];
    expect(rows).toHaveLength(events.length - 1);
    expect(rows.every((r) => r.n === 1 && r.event_id !== poison)).toBe(true);
    const info = await consumerState('dc-poison');
    expect(info.num_ack_pending + info.num_pending).toBe(1);
  });

  it('terminates undecodable messages and processes the valid ones around them', async () => {
    const good = [event('junk', 0), event('junk', 1)];
    await publish([good[0]]);
    await jet.js.publish('events.dc.junk.happened', 'not json', { msgID: randomUUID() });
    await jet.js.publish('events.dc.junk.happened', JSON.stringify({ name: 'dc.junk.happened', id: 'not-a-uuid' }), { msgID: randomUUID() });
    await publish([good[1]]);
    const seen: string[] = [];
    const consumer = new DurableConsumer(ds, jet, logger, {
      durable: 'dc-junk',
      filterSubject: 'events.dc.junk.>',
      handle: async (e) => {
        seen.push(e.id);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => {
        const info = await consumerState('dc-junk');
        return info.num_pending === 0 && info.num_ack_pending === 0;
      }, { what: 'junk consumer caught up' });
    } finally {
      await consumer.stop();
    }
    expect(seen).toEqual(good.map((e) => e.id));
    expect((await consumerState('dc-junk')).num_redelivered).toBe(0);
  });

  it('stop() lets the batch in progress finish and hands queued messages back, so another instance picks them up', async () => {
    const events = Array.from({ length: 200 }, (_, i) => event('stop', i));
    await publish(events);
    const handled: string[] = [];
    let inBatch = false;
    let overlapped = false;
    const options = (onFirst?: () => void): DurableConsumerOptions => ({
      durable: 'dc-stop',
      filterSubject: 'events.dc.stop.>',
      maxBatch: 20,
      // Short, in case a message was already on its way to the stopped instance's inbox.
      ackWaitMs: 5000,
      handleBatch: async (batch) => {
        if (inBatch) overlapped = true;
        inBatch = true;
        onFirst?.();
        await sleep(100);
        handled.push(...batch.map((b) => b.event.id));
        inBatch = false;
      },
    });
    let started!: () => void;
    const firstBatch = new Promise<void>((r) => (started = r));
    const a = new DurableConsumer(ds, jet, logger, options(() => started()));
    await a.start();
    await firstBatch;
    await a.stop();
    // The batch in progress completed before stop() returned.
    expect(inBatch).toBe(false);
    const byA = handled.length;
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(events.length);

    const b = new DurableConsumer(ds, jet, logger, options());
    await b.start();
    try {
      await waitFor(async () => (await ledger('dc-stop')).size === events.length, { what: 'second instance finished the rest', timeoutMs: 15000 });
      await waitFor(async () => (await consumerState('dc-stop')).num_ack_pending === 0, { what: 'stop events acked' });
    } finally {
      await b.stop();
    }
    expect(overlapped).toBe(false);
    expect(handled).toHaveLength(events.length);
    expect(new Set(handled)).toEqual(new Set(events.map((e) => e.id)));
  });
});
