import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import { api, startStack, type Stack } from '../src/stack.js';

describe('events survive a NATS outage and are processed once with two instances of everything', () => {
  let stack: Stack;
  let admin: string;
  let unitId: string;

  beforeAll(async () => {
    stack = await startStack({ name: 'resilience', complaintsInstances: 2, gatewayInstances: 2 });
    admin = await stack.login('admin');
    [{ id: unitId }] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE code = 'HO-BIZ'`);
  }, 120_000);

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

  it('accepts complaints sent while NATS is down and delivers each event to the audit log exactly once', async () => {
    // Warm-up traffic through both gateways and both service instances.
    const warm = await Promise.all(stack.gatewayUrls.flatMap((url) => [0, 1, 2].map((i) => api(url, admin).post('/api/complaints', complaint(i)))));
    expect(warm.every((r) => r.status === 201)).toBe(true);

    await stack.nats.stop();
    const during = stack.gatewayUrls.flatMap((url, g) => [10, 11, 12, 13, 14].map((i) => api(url, admin).post('/api/complaints', complaint(i + g * 10)).then((r) => r)));
    await new Promise((r) => setTimeout(r, 1500));
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
    await new Promise((r) => setTimeout(r, 1000)); // let any duplicate delivery show up

    const perEvent = await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaints.complaint.received' GROUP BY event_id`);
    expect(perEvent).toHaveLength(total);
    expect(perEvent.every((r) => r.n === 1)).toBe(true);
    // Every event of both outboxes once: the complaints' and the gateway's own directory events (the seed's units and users).
    const [{ n: complaintEvents }] = await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM outbox_event');
    const [{ n: directoryEvents }] = await stack.sql<{ n: number }>('gateway', 'SELECT count(*)::int AS n FROM outbox_event');
    expect(directoryEvents).toBeGreaterThan(0);
    const processed = async () => (await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM processed_event WHERE consumer = 'gateway-audit'`))[0].n;
    await waitFor(async () => (await processed()) >= complaintEvents + directoryEvents, { timeoutMs: 30000, what: 'every event of both outboxes processed' });
    expect(await processed()).toBe(complaintEvents + directoryEvents);

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
});
