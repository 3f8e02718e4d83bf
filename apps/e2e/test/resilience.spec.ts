import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import { api, startStack, type Stack } from '../src/stack.js';

describe('events survive a NATS outage and a killed service instance, processed once with two instances of everything', () => {
  let stack: Stack;
  let admin: string;
  let unitId: string;

  beforeAll(async () => {
    // This file reads the apps' logs: give them a folder of their own, not shared with other runs.
    process.env.XB_TEST_LOG_DIR = mkdtempSync(join(tmpdir(), 'xb-resilience-logs-'));
    // A fast supervision timer: the outbox-backlog case needs the service to write events on its own while NATS is down.
    stack = await startStack({ name: 'resilience', complaintsInstances: 2, gatewayInstances: 2, env: { complaints: { SUPERVISION_INTERVAL_MS: '300' } } });
    admin = await stack.login('admin');
    [{ id: unitId }] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'HO-BIZ'`);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const complaint = (i: number) => ({
    channel: 'own_hotline',
    businessCategory: 'self_service',
    cause: 'system_failure',
    orgUnitId: unitId,
    customerName: '测试客户',
    customerPhone: `1390000${String(1000 + i)}`,
    description: `ATM故障吞卡,第${i}号投诉。`,
  });

  /** Creates a sentinel complaint and waits until its event is audited: events published before it have had their chance to arrive (twice, if they were going to). */
  const sentinel = async () => {
    const res = await api(stack.baseUrl, admin).post('/api/complaints', { ...complaint(999), description: `哨兵投诉 ${randomUUID()}` });
    expect(res.status).toBe(201);
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'complaints.complaint.received' AND resource_id = $1`, [res.body.id])).length === 1, {
      timeoutMs: 30000,
      what: 'sentinel audited',
    });
  };
  /** Each event in `eventIds` audited exactly once and marked processed exactly once by the audit consumer. */
  const auditedOnce = async (eventIds: string[]) => {
    const audited = await stack.sql<{ event_id: string; n: number }>('gateway', `SELECT event_id::text, count(*)::int AS n FROM audit_log WHERE event_id::text = ANY($1) GROUP BY event_id`, [eventIds]);
    expect(audited).toHaveLength(eventIds.length);
    const processed = await stack.sql<{ event_id: string; n: number }>(
      'gateway',
      `SELECT event_id::text, count(*)::int AS n FROM processed_event WHERE consumer = 'gateway-audit' AND event_id::text = ANY($1) GROUP BY event_id`,
      [eventIds],
    );
    expect(processed).toHaveLength(eventIds.length);
    expect([...audited, ...processed].every((r) => r.n === 1)).toBe(true);
  };

  it('answers complaints sent while NATS is down once it returns (the gateway retries within its budget) and audits each event once', async () => {
    // Warm-up traffic through both gateways and both service instances.
    const warm = await Promise.all(stack.gatewayUrls.flatMap((url) => [0, 1, 2].map((i) => api(url, admin).post('/api/complaints', complaint(i)))));
    expect(warm.every((r) => r.status === 201)).toBe(true);

    await stack.nats.stop();
    const during = stack.gatewayUrls.flatMap((url, g) => [10, 11, 12, 13, 14].map((i) => api(url, admin).post('/api/complaints', complaint(i + g * 10)).then((r) => r)));
    // NATS stays down until both gateways have noticed (their health says so), then returns.
    for (const url of stack.gatewayUrls) {
      await waitFor(async () => (await fetch(`${url}/api/health`)).status === 503, { timeoutMs: 10000, what: `${url} sees NATS down` });
    }
    await stack.nats.start();
    const results = await Promise.all(during);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));

    const [{ n: total }] = await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM complaint');
    expect(total).toBe(16);
    await waitFor(async () => {
      const [{ n }] = await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL');
      return n === 0;
    }, { timeoutMs: 30000, what: 'outbox drained' });
    await waitFor(async () => {
      const [{ n }] = await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaints.complaint.received'`);
      return n === total;
    }, { timeoutMs: 30000, what: 'all received events audited' });
    await sentinel(); // any duplicate delivery of the events above would have been handled by now

    const perEvent = await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaints.complaint.received' GROUP BY event_id`);
    expect(perEvent).toHaveLength(total + 1); // and the sentinel
    expect(perEvent.every((r) => r.n === 1)).toBe(true);
    // Every event of both outboxes once: the complaints' and the gateway's own directory events (the seed's units and users).
    const [{ n: complaintEvents }] = await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM outbox_event');
    const [{ n: directoryEvents }] = await stack.sql<{ n: number }>('gateway', 'SELECT count(*)::int AS n FROM outbox_event');
    expect(directoryEvents).toBeGreaterThan(0);
    const processed = async () => (await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM processed_event WHERE consumer = 'gateway-audit'`))[0].n;
    await waitFor(async () => (await processed()) >= complaintEvents + directoryEvents, { timeoutMs: 30000, what: 'every event of both outboxes processed' });
    expect(await processed()).toBe(complaintEvents + directoryEvents);
    expect(complaintEvents).toBe(total + 1); // the 16 and the sentinel

    // Both service instances did work (queue group), and no gateway ever failed on an event.
    // Each instance logs one "rpc" line per message it handled: both must have taken creates.
    const serviceLogs = stack.processes.filter((p) => p.name.includes('complaints')).map((p) => readFileSync(p.logFile, 'utf8'));
    expect(serviceLogs).toHaveLength(2);
    for (const log of serviceLogs) expect(log).toContain('"subject":"complaints.complaint.create"');
    const gatewayLogs = stack.processes.filter((p) => p.name.includes('gateway')).map((p) => readFileSync(p.logFile, 'utf8'));
    expect(gatewayLogs.some((log) => log.includes('event handler failed'))).toBe(false);

    const verify = await api(stack.baseUrl, admin).get('/api/audit-log/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('keeps a backlog in the outbox while NATS is down and audits each of its events once when NATS returns', async () => {
    const created = await Promise.all([20, 21, 22, 23, 24, 25].map((i) => api(stack.baseUrl, admin).post('/api/complaints', complaint(i))));
    expect(created.map((r) => r.status)).toEqual(Array(6).fill(201));
    const ids = created.map((r) => r.body.id as string);
    const escalations = () =>
      stack.sql<{ id: string; published: boolean }>(
        'complaints',
        `SELECT id::text, published_at IS NOT NULL AS published FROM outbox_event WHERE subject = 'events.complaints.complaint.escalated' AND payload->>'aggregateId' = ANY($1)`,
        [ids],
      );

    const serviceLogs = () => stack.processes.filter((p) => p.name.includes('complaints')).map((p) => readFileSync(p.logFile, 'utf8')).join('');
    const relayFailures = () => serviceLogs().split('outbox relay: publish failed').length - 1;
    const failuresBefore = relayFailures();
    await stack.nats.stop();
    // Time passes during the outage: the complaints fall overdue, and the service's own supervision
    // timer escalates them — events written to the outbox that cannot be published.
    await stack.sql('complaints', `UPDATE complaint SET due_at = now() - interval '1 hour' WHERE id = ANY($1)`, [ids]);
    await waitFor(async () => (await escalations()).length === ids.length, { timeoutMs: 30000, what: 'escalations written during the outage' });
    // The backlog: written, and the relay has tried and failed to publish since — still nothing published.
    await waitFor(() => relayFailures() > failuresBefore, { timeoutMs: 30000, what: 'the relay failing while NATS is down' });
    const backlog = await escalations();
    expect(backlog.filter((e) => e.published)).toEqual([]);

    await stack.nats.start();
    await waitFor(async () => (await escalations()).every((e) => e.published), { timeoutMs: 30000, what: 'backlog published' });
    await waitFor(
      async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE event_id::text = ANY($1)`, [backlog.map((e) => e.id)])).length === ids.length,
      { timeoutMs: 30000, what: 'backlog audited' },
    );
    await sentinel();
    await auditedOnce(backlog.map((e) => e.id));
    // One escalation per complaint, no more (the ledger held while both instances' timers ran).
    expect(await escalations()).toHaveLength(ids.length);
  });

  it('loses nothing when a complaints instance is killed with SIGKILL under load: every intake lands exactly once and is audited once', async () => {
    const run = randomUUID().slice(0, 8);
    const N = 40;
    let answered = 0;
    /** One client: posts with its own Idempotency-Key and retries what failed for the outage (5xx, or 409 while the first try is in flight). */
    const client = async (i: number) => {
      const key = `${run}-${i}`;
      const url = stack.gatewayUrls[i % stack.gatewayUrls.length];
      const body = { ...complaint(100 + i), description: `SIGKILL 负载测试 ${run} #${i}` };
      for (let attempt = 1; ; attempt++) {
        const res = await api(url, admin).post('/api/complaints', body).set('Idempotency-Key', key);
        if (res.status === 201) {
          answered++;
          return res.body.id as string;
        }
        if ((res.status < 500 && res.status !== 409) || attempt >= 10) throw new Error(`#${i}: ${res.status} ${JSON.stringify(res.body)} after ${attempt} attempts`);
      }
    };
    // Eight concurrent clients work through the N intakes; the instance dies once a quarter of them were answered.
    let next = 0;
    const worker = async () => {
      const ids: string[] = [];
      while (next < N) ids.push(await client(next++));
      return ids;
    };
    const workers = Array.from({ length: 8 }, worker);
    await waitFor(() => answered >= N / 4, { timeoutMs: 60000, what: 'load under way' });
    const victim = 'resilience-complaints-1';
    await stack.faults.kill(victim, 'SIGKILL');
    expect(answered).toBeLessThan(N); // killed under load, not after it
    const ids = (await Promise.all(workers)).flat();
    expect(new Set(ids).size).toBe(N);

    // Exactly N complaints of this run, each once (the retries replayed, never duplicated).
    const rows = await stack.sql<{ description: string; n: number }>('complaints', `SELECT description, count(*)::int AS n FROM complaint WHERE description LIKE $1 GROUP BY description`, [
      `SIGKILL 负载测试 ${run} #%`,
    ]);
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // The killed instance comes back and takes work again; its unpublished events (if any) were relayed by the survivor.
    const restarted = stack.faults.respawn(victim);
    await waitFor(
      async () => {
        await api(stack.baseUrl, admin).post('/api/complaints', { ...complaint(300), description: `重启后投诉 ${run}` });
        return readFileSync(restarted.logFile, 'utf8').includes('"subject":"complaints.complaint.create"');
      },
      { timeoutMs: 30000, what: 'restarted instance handles creates' },
    );
    await waitFor(async () => (await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL'))[0].n === 0, {
      timeoutMs: 30000,
      what: 'outbox drained',
    });
    const received = await stack.sql<{ id: string }>(
      'complaints',
      `SELECT id::text FROM outbox_event WHERE subject = 'events.complaints.complaint.received' AND payload->>'aggregateId' = ANY($1)`,
      [ids],
    );
    expect(received).toHaveLength(N);
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE event_id::text = ANY($1)`, [received.map((e) => e.id)])).length === N, {
      timeoutMs: 30000,
      what: 'all intakes audited',
    });
    await sentinel();
    await auditedOnce(received.map((e) => e.id));
  }, 180_000);

  it('applies a role change and a deactivation at once on the gateway that made it and within 5 s on the other (ADR 4)', async () => {
    const [g1, g2] = stack.gatewayUrls;
    const username = `cache.probe.${randomUUID().slice(0, 6)}`;
    const created = await api(g1, admin).post('/api/users', { username, displayName: '缓存测试', password: 'Passw0rd!x', orgUnitId: unitId, roles: ['handler'] });
    expect(created.status).toBe(201);
    const token = await stack.login(username, 'Passw0rd!x');
    const list = (url: string) => api(url, token).get('/api/complaints');
    expect([(await list(g1)).status, (await list(g2)).status]).toEqual([200, 200]); // both gateways now hold the user

    // Role change through gateway 1: refused there at once; gateway 2 follows within its 5 s actor cache.
    const changedAt = Date.now();
    expect((await api(g1, admin).put(`/api/users/${created.body.id}`, { roles: ['staff'] })).status).toBe(200);
    expect((await list(g1)).status).toBe(403);
    await waitFor(async () => (await list(g2)).status === 403, { timeoutMs: 8000, intervalMs: 200, what: 'gateway 2 to see the role change' });
    expect(Date.now() - changedAt).toBeLessThan(5000 + 1500);

    // Deactivation through gateway 2: 401 there at once; gateway 1 follows within 5 s.
    const me = (url: string) => api(url, token).get('/api/auth/me');
    expect((await me(g1)).status).toBe(200);
    const deactivatedAt = Date.now();
    expect((await api(g2, admin).put(`/api/users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await me(g2)).status).toBe(401);
    await waitFor(async () => (await me(g1)).status === 401, { timeoutMs: 8000, intervalMs: 200, what: 'gateway 1 to see the deactivation' });
    expect(Date.now() - deactivatedAt).toBeLessThan(5000 + 1500);
  });
});
