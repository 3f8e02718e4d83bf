import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor, type PrivateNats } from '@xb/test-kit';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { DurableConsumer } from './durable-consumer.js';
import { startEventHarness, type EventHarness } from './event-harness.test-support.js';
import type { JetStreamHandle } from './jetstream.js';
import { appendEvent, OutboxRelay } from './outbox.js';

const logger = pino({ level: 'silent' });

describe('outbox relay and durable consumer (real PostgreSQL + NATS JetStream)', () => {
  let harness: EventHarness;
  let nats: PrivateNats;
  let ds: DataSource;
  let jet: JetStreamHandle;

  beforeAll(async () => {
    harness = await startEventHarness('kit');
    ({ nats, ds, jet } = harness);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const append = (n: number, tag: string) =>
    ds.transaction(async (m) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const e = await appendEvent(m, { name: `kit.thing.${tag}`, actor: null, aggregateType: 'thing', aggregateId: `${tag}-${i}`, payload: { i } });
        ids.push(e.id);
      }
      return ids;
    });

  it('refuses to append outside a transaction', async () => {
    await expect(appendEvent(ds.manager, { name: 'kit.thing.x', actor: null, aggregateType: 't', aggregateId: '1', payload: {} })).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('writes nothing to the outbox when the transaction rolls back', async () => {
    await expect(
      ds.transaction(async (m) => {
        await appendEvent(m, { name: 'kit.thing.rolledback', actor: null, aggregateType: 't', aggregateId: 'r', payload: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE subject = 'events.kit.thing.rolledback'`);
    expect(n).toBe(0);
  });

  it('delivers every event exactly once to a durable consumer shared by two instances, surviving a NATS outage', async () => {
    const seen: string[] = [];
    const mk = (instance: string) =>
      new DurableConsumer(ds, jet, logger, {
        durable: 'kit-audit',
        filterSubject: 'events.kit.thing.>',
        handle: async (event, manager) => {
          seen.push(event.id);
          await manager.query(`INSERT INTO seen (event_id, consumer) VALUES ($1, $2)`, [event.id, instance]);
        },
      });
    const a = mk('a');
    const b = mk('b');
    await a.start();
    await b.start();
    // The relay's own log tells when it has tried and failed (a condition to wait on, not a sleep).
    const relayLines: string[] = [];
    const relayLogger = pino({ level: 'warn' }, { write: (line: string) => void relayLines.push(line) });
    const relay = new OutboxRelay(ds, jet, relayLogger, 50);

    const before = await append(20, 'before');
    relay.start();
    await waitFor(async () => (await relay.pendingCount()) === 0, { what: 'first batch published' });

    // NATS goes away: writes still commit, the relay keeps them pending and retries.
    await nats.stop();
    const during = await append(15, 'during');
    const failures = () => relayLines.filter((l) => l.includes('publish failed')).length;
    const failedBefore = failures();
    relay.kick();
    await waitFor(() => failures() > failedBefore, { timeoutMs: 15000, what: 'the relay failing while NATS is down' });
    expect(await relay.pendingCount()).toBe(15);
    await nats.start();

    await waitFor(async () => (await relay.pendingCount()) === 0, { timeoutMs: 30000, what: 'outage backlog published' });
    const all = [...before, ...during];
    await waitFor(async () => {
      const [{ n }] = await ds.query(`SELECT count(DISTINCT event_id)::int AS n FROM seen`);
      return n === all.length;
    }, { timeoutMs: 30000, what: 'all events consumed' });

    // Re-publishing the same outbox row (same msgID) is dropped by the stream.
    const dup = await jet.js.publish('events.kit.thing.before', JSON.stringify({ id: before[0] }), { msgID: before[0] });
    expect(dup.duplicate).toBe(true);

    // A sentinel published after everything: once it is consumed, any redelivery of the events
    // above (they were published first on the same stream) has been handled too.
    const [sentinel] = await append(1, 'sentinel');
    await waitFor(async () => (await ds.query(`SELECT 1 FROM seen WHERE event_id = $1`, [sentinel])).length > 0, { timeoutMs: 30000, what: 'sentinel consumed' });
    await relay.stop();
    await a.stop();
    await b.stop();
    const rows = await ds.query(`SELECT event_id, count(*)::int AS n FROM seen GROUP BY event_id`);
    expect(rows).toHaveLength(all.length + 1);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(new Set(seen)).toEqual(new Set([...all, sentinel]));
  });
});
