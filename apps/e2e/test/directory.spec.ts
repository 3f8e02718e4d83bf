import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENTS_STREAM, type ComplaintAnalysis, type ComplaintView } from '@xb/contracts';
import { connectJetStream } from '@xb/service-kit';
import { spawnNode, waitFor } from '@xb/test-kit';
import { join } from 'node:path';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'ra-core';
import { api, REPO_ROOT, startStack, type Stack } from '../src/stack.js';

/** The console's data provider, unchanged, pointed at the gateway. */
function raClient(baseUrl: string, token: string) {
  return simpleRestProvider(`${baseUrl}/api`, (url: string, options: fetchUtils.Options = {}) =>
    fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${token}` } }),
  );
}

const complaintAt = (orgUnitId: string, receivedAt: string, phone: string) => ({
  channel: 'counter',
  businessCategory: 'social_security_card',
  cause: 'process_waiting',
  orgUnitId,
  receivedAt,
  customerName: '孙八',
  customerPhone: phone,
  description: '社保卡补办等待时间过长。',
});

/**
 * Directory events and replicas (issue 7): moving 安居支行 (SB-AJ, with its two outlets and a
 * member of staff) from 资阳分行 to 绵阳分行 through the stock ra-data-simple-rest client is one
 * event; the complaints service rewrites its copies, so 绵阳分行's handler now sees the moved
 * unit's complaints, 资阳分行's handler no longer does, and analysis counts them under 绵阳分行.
 * A complaints service that starts afterwards with an empty replica (and the directory events
 * gone from the stream) has the same view after loading the gateway's snapshot.
 */
describe('org-unit move through directory events and replicas', () => {
  let stack: Stack;
  let units: Record<string, string>;
  let admin: string;
  let zy: string;
  let my: string;
  const created: ComplaintView[] = [];
  const PERIOD = { from: '2025-01-01', to: '2025-03-31' };

  const analysis = async (token: string, orgUnitId: string) => {
    const res = await api(stack.baseUrl, token).get(`/api/complaints/analysis?${new URLSearchParams({ ...PERIOD, orgUnitId, groupBy: 'orgUnit' })}`);
    expect(res.status).toBe(200);
    return res.body as ComplaintAnalysis;
  };
  const lineOf = (a: ComplaintAnalysis, code: string) => a.byOrgUnit?.find((l) => l.code === code);
  const visibleTo = async (token: string) => {
    const list = await raClient(stack.baseUrl, token).getList('complaints', { pagination: { page: 1, perPage: 100 }, sort: { field: 'receivedAt', order: 'ASC' }, filter: { receivedFrom: PERIOD.from, receivedTo: PERIOD.to } });
    return list.data.map((c: { id: string }) => c.id).sort();
  };
  const ids = () => created.map((c) => c.id).sort();

  /** What each handler sees and where analysis counts the moved unit, asserted for "after the move". */
  const expectMovedView = async () => {
    expect(await visibleTo(my)).toEqual(ids());
    expect(await visibleTo(zy)).toEqual([]);
    expect((await api(stack.baseUrl, zy).get(`/api/complaints/${created[0].id}`)).status).toBe(404);
    const myAnalysis = await analysis(my, units['BR-MY']);
    expect(lineOf(myAnalysis, 'SB-AJ')).toMatchObject({ own: 1, total: 3 });
    expect(lineOf(myAnalysis, 'BR-MY')).toMatchObject({ total: 3 });
    const zyAnalysis = await analysis(admin, units['BR-ZY']);
    expect(lineOf(zyAnalysis, 'SB-AJ')).toBeUndefined();
    expect(zyAnalysis.total).toBe(0);
    // 资阳分行's handler may no longer analyse the unit at all.
    expect((await api(stack.baseUrl, zy).get(`/api/complaints/analysis?${new URLSearchParams({ ...PERIOD, orgUnitId: units['SB-AJ'] })}`)).status).toBe(403);
  };

  beforeAll(async () => {
    stack = await startStack({ name: 'directory' });
    const rows = await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit');
    units = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    admin = await stack.login('admin');
    zy = await stack.login('handler');
    my = await stack.login('handler.my');
    const ra = raClient(stack.baseUrl, admin);
    for (const [code, day, phone] of [
      ['SB-AJ', '2025-01-10', '13900000001'],
      ['OT-AJ-1', '2025-02-10', '13900000002'],
      ['OT-AJ-2', '2025-03-10', '13900000003'],
    ] as const) {
      created.push((await ra.create('complaints', { data: complaintAt(units[code], `${day}T02:00:00.000Z`, phone) })).data as ComplaintView);
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the complaints to 资阳分行 before the move, not to 绵阳分行', async () => {
    expect(await visibleTo(zy)).toEqual(ids());
    expect(await visibleTo(my)).toEqual([]);
    expect(lineOf(await analysis(zy, units['BR-ZY']), 'SB-AJ')).toMatchObject({ own: 1, total: 3 });
    expect(lineOf(await analysis(admin, units['BR-MY']), 'SB-AJ')).toBeUndefined();
  });

  it('refuses a move that would make a cycle (422) and changes nothing', async () => {
    const client = api(stack.baseUrl, admin);
    const under = await client.put(`/api/org-units/${units['SB-AJ']}`, { parentId: units['OT-AJ-1'] });
    expect(under.status).toBe(422);
    expect(under.body.details).toEqual([expect.objectContaining({ field: 'parentId' })]);
    expect((await client.put(`/api/org-units/${units['SB-AJ']}`, { parentId: units['SB-AJ'] })).status).toBe(422);
    expect((await client.put(`/api/org-units/${units.HO}`, { parentId: units['BR-ZY'] })).status).toBe(422);
    const [row] = await stack.sql<{ parent_id: string }>('gateway', 'SELECT parent_id FROM org_unit WHERE id = $1', [units['SB-AJ']]);
    expect(row.parent_id).toBe(units['BR-ZY']);
    expect((await stack.sql('gateway', `SELECT 1 FROM outbox_event WHERE subject = 'events.org.unit.moved'`)).length).toBe(0);
  });

  it('moves 安居支行 under 绵阳分行 in one event; the new branch’s handler sees its complaints, the old one’s does not, analysis follows', async () => {
    const ra = raClient(stack.baseUrl, admin);
    const { data: before } = await ra.getOne('org-units', { id: units['SB-AJ'] });
    const { data: moved } = await ra.update('org-units', { id: units['SB-AJ'], data: { ...before, parentId: units['BR-MY'] }, previousData: before });
    expect(moved.path).toBe(`/${units.HO}/${units['BR-MY']}/${units['SB-AJ']}/`);
    expect(moved.depth).toBe(2);
    const { data: outlet } = await ra.getOne('org-units', { id: units['OT-AJ-2'] });
    expect(outlet).toMatchObject({ path: `${moved.path}${units['OT-AJ-2']}/`, depth: 3 });

    // One event for the subtree, audited once.
    const events = await stack.sql<{ payload: { payload: { id: string; oldParentId: string; parentId: string } } }>(
      'gateway',
      `SELECT payload FROM outbox_event WHERE subject LIKE 'events.org.unit.%' AND subject <> 'events.org.unit.created' AND payload->>'aggregateId' = ANY($1::text[])`,
      [[units['SB-AJ'], units['OT-AJ-1'], units['OT-AJ-2']]],
    );
    expect(events.map((e) => e.payload.payload)).toEqual([expect.objectContaining({ id: units['SB-AJ'], oldParentId: units['BR-ZY'], parentId: units['BR-MY'] })]);
    const audited = await waitFor(async () => {
      const rows = await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'org.unit.moved' AND resource_id = $1`, [units['SB-AJ']]);
      return rows.length > 0 && rows;
    }, { what: 'the move in the audit log' });
    expect(audited).toHaveLength(1);

    await waitFor(async () => (await visibleTo(my)).length === created.length, { what: '绵阳分行’s handler to see the moved unit’s complaints' });
    await expectMovedView();
    // The replica's users follow their unit: the member of staff at 安居支行营业部 is now in 绵阳分行's subtree.
    const staff = await stack.sql<{ username: string }>(
      'complaints',
      `SELECT p.username FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id
        WHERE u.path LIKE (SELECT path FROM directory_org_unit WHERE id = $1) || '%' AND 'staff' = ANY(p.roles) AND p.username = 'staff'`,
      [units['BR-MY']],
    );
    expect(staff).toHaveLength(1);
  });

  it('gives a service started afterwards with an empty replica the same view, from the snapshot', async () => {
    const service = stack.processes.find((p) => p.name.includes('complaints'))!;
    await service.stop();
    // As if the directory events had aged out of the stream and the replica were new.
    const jet = await connectJetStream(stack.nats.url, 'directory-e2e');
    try {
      await jet.jsm.streams.purge(EVENTS_STREAM, { filter: 'events.org.>' });
      await jet.jsm.streams.purge(EVENTS_STREAM, { filter: 'events.auth.>' });
    } finally {
      await jet.nc.close();
    }
    await stack.sql('complaints', `TRUNCATE directory_org_unit, directory_user`);
    const fresh = spawnNode('directory-complaints-fresh', join(REPO_ROOT, 'apps/complaints-service/dist/main.js'), {
      DATABASE_URL: stack.complaintsDbUrl,
      NATS_URL: stack.nats.url,
      PII_ENCRYPTION_KEY: stack.piiKeys.encryptionKey,
      PII_HASH_KEY: stack.piiKeys.hashKey,
      OUTBOX_POLL_MS: '100',
      LOG_LEVEL: 'info',
    });
    stack.processes.push(fresh);
    await waitFor(async () => (await api(stack.baseUrl, admin).get('/api/health')).status === 200 && (await visibleTo(my)).length === created.length, {
      timeoutMs: 30_000,
      what: 'the restarted service to answer from its snapshot',
    });
    const replica = await stack.sql<{ id: string; path: string }>('complaints', `SELECT id, path FROM directory_org_unit WHERE NOT deleted ORDER BY id`);
    const gateway = await stack.sql<{ id: string; path: string }>('gateway', `SELECT id, path FROM org_unit ORDER BY id`);
    expect(replica).toEqual(gateway);
    const [{ n }] = await stack.sql<{ n: number }>('complaints', `SELECT count(*)::int AS n FROM directory_user`);
    const [{ m }] = await stack.sql<{ m: number }>('gateway', `SELECT count(*)::int AS m FROM app_user`);
    expect(n).toBe(m);
    await expectMovedView();
  });
});
