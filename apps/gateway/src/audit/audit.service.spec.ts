import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HEADERS, type DomainEvent } from '@xb/contracts';
import { connectJetStream, migrate, runWithCorrelation, type JetStreamHandle } from '@xb/service-kit';
import { createTestDatabase, dropTestDatabase, startPrivateNats, waitFor, type PrivateNats } from '@xb/test-kit';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import type { GatewayConfig } from '../config/gateway.config.js';
import { gatewayDataSourceOptions } from '../database/data-source.js';
import { AuditConsumer } from './audit-consumer.js';
import { AuditService, type NewAuditEntry } from './audit.service.js';

const logger = pino({ level: 'silent' });

async function freshGatewayDb(prefix: string): Promise<{ url: string; ds: DataSource }> {
  const url = await createTestDatabase(prefix);
  const options = gatewayDataSourceOptions(url);
  await migrate(options);
  return { url, ds: await new DataSource(options).initialize() };
}

/** Entries with content that is awkward to carry through arrays and jsonb. */
function sampleEntries(n: number, tag: string): NewAuditEntry[] {
  const start = Date.UTC(2026, 10, 22, 1, 2, 3, 4);
  return Array.from({ length: n }, (_, i) => ({
    actor: i % 4 === 0 ? null : { id: `u-${i}`, username: i % 5 === 0 ? 'NULL' : `用户"${i}"\\` },
    action: `${tag}.thing.${i % 2 ? 'created' : 'updated'}`,
    resource: 'thing',
    resourceId: i % 3 === 0 ? null : `r,{${i}}`,
    details: { z: i, a: { y: [1, 'two', null, { c: 3, b: 'quote " and \\ backslash' }], x: '消保' }, empty: {}, ...(i % 2 ? { n: 1.5 } : {}) },
    eventId: i % 2 ? randomUUID() : null,
    at: new Date(start + i * 1000 + 0.7),
  }));
}

const chainOf = async (ds: DataSource) =>
  (await ds.query(`SELECT id::int AS id, prev_hash, hash, correlation_id FROM audit_log ORDER BY id`)) as {
    id: number;
    prev_hash: string;
    hash: string;
    correlation_id: string | null;
  }[];

describe('audit log appendMany (real PostgreSQL)', () => {
  const dbs: { url: string; ds: DataSource }[] = [];

  afterAll(async () => {
    for (const { url, ds } of dbs) {
      await ds.destroy();
      await dropTestDatabase(url);
    }
  });

  const db = async (prefix: string) => {
    const d = await freshGatewayDb(prefix);
    dbs.push(d);
    return d.ds;
  };

  it('writes a chain that verify() accepts, with the same hashes as appending one by one', async () => {
    const entries = sampleEntries(120, 'many');
    const oneByOne = await db('audit_one');
    const batched = await db('audit_many');
    const single = new AuditService(oneByOne);
    const many = new AuditService(batched);

    for (const e of entries) await single.append(e);
    // Two batches, so the second one chains onto a stored hash rather than the genesis hash.
    await many.appendMany(entries.slice(0, 50));
    await batched.transaction((m) => many.appendMany(entries.slice(50), m));

    expect(await single.verify()).toEqual({ ok: true, entries: 120 });
    expect(await many.verify()).toEqual({ ok: true, entries: 120 });
    const a = await chainOf(oneByOne);
    const b = await chainOf(batched);
    expect(b.map((r) => r.hash)).toEqual(a.map((r) => r.hash));
    expect(b.map((r) => r.prev_hash)).toEqual(a.map((r) => r.prev_hash));
    // Ids follow the order of the entries.
    expect(b.map((r) => r.id)).toEqual(b.map((_, i) => b[0].id + i));

    // A stored row that is altered breaks the chain from there on.
    await batched.transaction(async (m) => {
      await m.query(`SET LOCAL xb.audit_maintenance = 'on'`);
      await m.query(`UPDATE audit_log SET details = '{"tampered": true}' WHERE id = $1`, [b[70].id]);
    });
    expect(await many.verify()).toEqual({ ok: false, entries: 70, firstBrokenId: String(b[70].id) });
  });

  it('stores the given correlation id, else the current one', async () => {
    const ds = await db('audit_corr');
    const audit = new AuditService(ds);
    const [given, ambient, none] = sampleEntries(3, 'corr');
    await runWithCorrelation('corr-ambient', () =>
      audit.appendMany([
        { ...given, correlationId: 'corr-given' },
        ambient,
        { ...none, correlationId: null },
      ]),
    );
    await audit.append({ ...ambient, eventId: null }); // no correlation context here
    expect((await chainOf(ds)).map((r) => r.correlation_id)).toEqual(['corr-given', 'corr-ambient', null, null]);
    expect(await audit.verify()).toEqual({ ok: true, entries: 4 });
  });

  it('keeps the chain linear when appends and batches run concurrently', async () => {
    const ds = await db('audit_concurrent');
    const audit = new AuditService(ds);
    await Promise.all([
      ...Array.from({ length: 8 }, (_, k) => audit.appendMany(sampleEntries(25, `c${k}`))),
      ...sampleEntries(20, 'single').map((e) => audit.append(e)),
      audit.appendMany([]),
    ]);
    expect(await audit.verify()).toEqual({ ok: true, entries: 8 * 25 + 20 });
  });
});

describe('audit consumer (real PostgreSQL + NATS JetStream)', () => {
  let nats: PrivateNats;
  let url: string;
  let ds: DataSource;
  let jet: JetStreamHandle;

  beforeAll(async () => {
    nats = await startPrivateNats();
    ({ url, ds } = await freshGatewayDb('audit_consumer'));
    jet = await connectJetStream(nats.url, 'audit-consumer-test');
  });

  afterAll(async () => {
    await jet?.nc.close();
    await ds?.destroy();
    await nats?.stop();
    if (url) await dropTestDatabase(url);
  });

  it('audits a burst of events once each, several per transaction, with their correlation ids, in a chain that verifies', async () => {
    const audit = new AuditService(ds);
    const consumer = new AuditConsumer(ds, jet, logger, { AUDIT_CONSUMER: 'true' } as GatewayConfig, audit);
    await consumer.onApplicationBootstrap(); // creates the stream and the durable consumer
    const events: DomainEvent[] = Array.from({ length: 300 }, (_, i) => ({
      id: randomUUID(),
      name: 'complaints.complaint.registered',
      occurredAt: new Date(Date.UTC(2026, 10, 22) + i).toISOString(),
      actor: { id: `u-${i % 7}`, username: `user${i % 7}`, orgUnitId: 'o-1' },
      aggregateType: 'complaint',
      aggregateId: `c-${i}`,
      orgPath: '/1/2/',
      payload: { i, text: `投诉 "${i}"` },
    }));
    const sentinel: DomainEvent = { ...events[0], id: randomUUID(), aggregateId: 'sentinel', occurredAt: new Date(Date.UTC(2026, 10, 23)).toISOString(), payload: { sentinel: true } };
    try {
      await Promise.all(
        events.map((e, i) => {
          const h = natsHeaders();
          if (i % 10) h.set(HEADERS.correlationId, `corr-${i}`);
          return jet.js.publish('events.complaints.complaint.registered', JSON.stringify(e), { msgID: e.id, headers: h });
        }),
      );
      // One event twice (a redelivery under another message id): audited once.
      await jet.js.publish('events.complaints.complaint.registered', JSON.stringify(events[7]), { msgID: `${events[7].id}-again` });
      await waitFor(async () => {
        const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[];
        return n === events.length;
      }, { what: 'all events audited' });
      await waitFor(async () => (await ds.query(`SELECT 1 FROM processed_event`)).length === events.length, { what: 'ledger complete' });
      // A sentinel published after the duplicate: the stream delivers in order, so once the sentinel
      // is audited the duplicate has been handled too (and must not have added a row).
      await jet.js.publish('events.complaints.complaint.registered', JSON.stringify(sentinel), { msgID: sentinel.id });
      await waitFor(async () => (await ds.query(`SELECT 1 FROM audit_log WHERE event_id = $1`, [sentinel.id])).length === 1, { what: 'sentinel audited' });
    } finally {
      await consumer.onApplicationShutdown();
    }
    expect(await audit.verify()).toEqual({ ok: true, entries: events.length + 1 });
    const rows = (await ds.query(`SELECT event_id, correlation_id, action, details, xmin::text AS tx FROM audit_log ORDER BY id`)) as {
      event_id: string;
      correlation_id: string | null;
      action: string;
      details: Record<string, unknown>;
      tx: string;
    }[];
    expect(rows.map((r) => r.event_id)).toEqual([...events, sentinel].map((e) => e.id));
    expect(rows.slice(0, -1).map((r) => r.correlation_id)).toEqual(events.map((_, i) => (i % 10 ? `corr-${i}` : null)));
    expect(rows[3].details).toEqual({ i: 3, text: '投诉 "3"', orgPath: '/1/2/' });
    // Rows written by one transaction share its xmin: fewer transactions than events means batches.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(events.length);
  });
});
