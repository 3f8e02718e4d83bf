/**
 * Policies 制度 on the real stack (gateway → NATS → policies service → PostgreSQL), issue #10's
 * "Done when": the version life cycle with two sign-offs, immutability after submit, the
 * author's own approval refused, a sign-off for an older hash refused, concurrent publishes,
 * in force on a date, acknowledgements carried over or asked again, a unit moved into the
 * audience, rates equal to an independent count, cancelled tasks kept on record (a user leaving
 * the audience, a material successor), permissions by role, and an incident.
 */
import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AcknowledgementTask } from '@xb/contracts/policies';
import { waitFor } from '@xb/test-kit';
import { typedApi } from '../src/typed-api.js';
import { api, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type CancelledAcknowledgements = S['CancelledAcknowledgements'];
type IncidentView = S['IncidentView'];
type PolicyDocumentView = S['PolicyDocumentView'];
type PolicyVersionView = S['PolicyVersionView'];

describe('policies through the gateway', () => {
  let stack: Stack;
  let units: Record<string, string>;
  const tokens: Record<string, string> = {};
  const as = (who: string) => api(stack.baseUrl, tokens[who]);
  let seq = 0;

  beforeAll(async () => {
    stack = await startStack({ name: 'policies_e2e', services: ['policies'] });
    const rows = await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit');
    units = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    for (const who of ['admin', 'auditor', 'staff', 'handler', 'handler.my']) tokens[who] = await stack.login(who);
    // A second admin in 消保办 (the owning department's approver) and a member of staff at 射洪支行 (outside the audience).
    for (const [username, unit, roles] of [
      ['admin2', 'HO-CPO', ['admin']],
      ['staff.sh', 'OT-SH-1', ['staff']],
    ] as const) {
      const res = await as('admin').post('/api/users', { username, displayName: username, password: 'Demo@2026x', orgUnitId: units[unit], roles });
      expect(res.status).toBe(201);
      tokens[username] = await stack.login(username, 'Demo@2026x');
    }
    await waitFor(async () => (await stack.sql('policies', `SELECT 1 FROM directory_user WHERE username IN ('admin2', 'staff.sh')`)).length === 2, { what: 'the new users in the replica' });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const newDocument = async (extra: Record<string, unknown> = {}) => {
    const res = await as('admin').post('/api/policy-documents', {
      code: `XB-ZD-${String(++seq).padStart(3, '0')}`,
      title: '客户投诉管理办法',
      kind: 'policy',
      ownerUnitId: units['HO-CPO'],
      reviewCycleMonths: 12,
      requiresAcknowledgement: true,
      audienceUnitIds: [units['BR-ZY']],
      approvalRule: [
        { role: 'admin', count: 1, ownerDepartment: true },
        { role: 'auditor', count: 1 },
      ],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as PolicyDocumentView;
  };
  const approved = async (documentId: string, content: string, material: boolean, extra: Record<string, unknown> = {}) => {
    const v = (await as('admin').post('/api/policy-versions', { documentId, content, changeSummary: '修订', material, ...extra })).body as PolicyVersionView;
    expect((await as('admin').post(`/api/policy-versions/${v.id}/submit`)).status).toBe(200);
    expect((await as('admin2').post(`/api/policy-versions/${v.id}/review`, { verdict: 'approve', contentHash: v.contentHash })).status).toBe(200);
    const res = await as('auditor').post(`/api/policy-versions/${v.id}/review`, { verdict: 'approve', contentHash: v.contentHash });
    expect(res.body).toMatchObject({ status: 'approved' });
    return res.body as PolicyVersionView;
  };
  const published = async (documentId: string, content: string, material: boolean) => {
    const v = await approved(documentId, content, material);
    const res = await as('admin').post(`/api/policy-versions/${v.id}/publish`);
    expect(res.body).toMatchObject({ status: 'published' });
    return res.body as PolicyVersionView;
  };

  it('draft → in review → approved → published with two sign-offs; 409 after submit, 403 for the author, 409 for an older hash; staff see it only once published', async () => {
    const doc = await newDocument();
    const created = await as('admin').post('/api/policy-versions', { documentId: doc.id, content: '第一条 为规范投诉处理，制定本办法。', changeSummary: '首版', material: true });
    expect(created.status).toBe(201);
    const draft = created.body as PolicyVersionView;
    const edited = (await as('admin').put(`/api/policy-versions/${draft.id}`, { content: '第一条 为规范投诉处理工作，制定本办法。' })).body as PolicyVersionView;
    expect(edited.contentHash).not.toBe(draft.contentHash);
    expect((await as('auditor').put(`/api/policy-versions/${draft.id}`, { content: 'x' })).status).toBe(403);
    expect((await as('staff').get(`/api/policy-versions/${draft.id}`)).status).toBe(404);
    expect((await as('admin').post(`/api/policy-versions/${draft.id}/submit`)).body).toMatchObject({ status: 'in_review' });
    expect((await as('admin').put(`/api/policy-versions/${draft.id}`, { content: '改' })).status).toBe(409);
    expect((await as('admin').post(`/api/policy-versions/${draft.id}/review`, { verdict: 'approve', contentHash: edited.contentHash })).status).toBe(403);
    expect((await as('admin2').post(`/api/policy-versions/${draft.id}/review`, { verdict: 'approve', contentHash: draft.contentHash })).status).toBe(409);
    expect((await as('staff').post(`/api/policy-versions/${draft.id}/review`, { verdict: 'approve', contentHash: edited.contentHash })).status).toBe(403);
    expect((await as('admin2').post(`/api/policy-versions/${draft.id}/review`, { verdict: 'approve', contentHash: edited.contentHash })).body).toMatchObject({ status: 'in_review' });
    expect((await as('auditor').post(`/api/policy-versions/${draft.id}/review`, { verdict: 'approve', contentHash: edited.contentHash, article: '第一条' })).body).toMatchObject({ status: 'approved' });
    expect((await as('auditor').post(`/api/policy-versions/${draft.id}/publish`)).status).toBe(403);
    expect((await as('admin').post(`/api/policy-versions/${draft.id}/publish`)).body).toMatchObject({ status: 'published' });
    const seen = await as('staff').get(`/api/policy-versions/${draft.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.availableActions).toEqual(['acknowledge']);
    expect((await as('staff.sh').get(`/api/policy-versions/${draft.id}`)).status).toBe(404);
    const history = await as('auditor').get(`/api/policy-versions/${draft.id}/history`);
    expect(history.body.map((h: { kind: string }) => h.kind)).toEqual(['created', 'submitted', 'approve', 'approve', 'approved', 'published']);
    // Staff's register lists it (published, their audience); 射洪's staff do not see it.
    expect((await as('staff').get(`/api/policy-documents?filter=${encodeURIComponent(JSON.stringify({ id: [doc.id] }))}`)).body).toHaveLength(1);
    expect((await as('staff.sh').get(`/api/policy-documents?filter=${encodeURIComponent(JSON.stringify({ id: [doc.id] }))}`)).body).toHaveLength(0);
  });

  it('concurrent publishes leave exactly one published version; in force before, between and after', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 甲。', true);
    const between = new Date().toISOString();
    const v2 = await approved(doc.id, '第一条 乙。', false);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => as('admin').post(`/api/policy-versions/${v2.id}/publish`)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await stack.sql('policies', `SELECT number, status FROM policy_version WHERE document_id = $1 ORDER BY number`, [doc.id])).toEqual([
      { number: 1, status: 'superseded' },
      { number: 2, status: 'published' },
    ]);
    const inForce = async (at: string) => ((await as('auditor').get(`/api/policy-documents/${doc.id}/in-force?at=${encodeURIComponent(at)}`)).body as { version: PolicyVersionView | null }).version?.number ?? null;
    expect(await inForce(new Date(Date.parse(v1.effectiveFrom!) - 60_000).toISOString())).toBeNull();
    expect(await inForce(between)).toBe(1);
    expect(await inForce(new Date(Date.now() + 60_000).toISOString())).toBe(2);
  });

  it('acknowledgements: kept by a non-material version, asked again by a material one; a unit moved into the audience gets exactly one task; rates equal an independent count', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 甲。', true);
    const mine = async (who: string) => ((await as(who).get('/api/policy-acknowledgements/tasks')).body as AcknowledgementTask[]).filter((t) => t.documentId === doc.id);
    expect(await mine('staff')).toEqual([expect.objectContaining({ versionId: v1.id })]);
    expect((await as('staff').post(`/api/policy-versions/${v1.id}/acknowledge`, { contentHash: v1.contentHash })).body).toMatchObject({ versionId: v1.id, late: false });
    expect(await mine('staff')).toEqual([]);
    await published(doc.id, '第一条 甲，乙。', false);
    expect(await mine('staff')).toEqual([]);
    const v3 = await published(doc.id, '第一条 丙。', true);
    expect(await mine('staff')).toEqual([expect.objectContaining({ versionId: v3.id })]);

    // 射洪支行 (with staff.sh at its outlet) moves under 资阳分行: one task, for the current version only.
    expect(await mine('staff.sh')).toEqual([]);
    expect((await as('admin').put(`/api/org-units/${units['SB-SH']}`, { parentId: units['BR-ZY'] })).status).toBe(200);
    await waitFor(async () => (await mine('staff.sh')).length === 1, { what: 'the moved unit’s task' });
    expect(await mine('staff.sh')).toEqual([expect.objectContaining({ versionId: v3.id })]);
    await as('staff.sh').post(`/api/policy-versions/${v3.id}/acknowledge`, { contentHash: v3.contentHash });

    const { data: rates } = await typedApi(stack.baseUrl, tokens.auditor).GET('/api/policy-acknowledgements/rates', { params: { query: { documentId: doc.id } } });
    if (!rates) throw new Error('no rates');
    const [zy] = await stack.sql<{ path: string }>('gateway', `SELECT path FROM org_unit WHERE code = 'BR-ZY'`);
    const audience = await stack.sql<{ id: string }>('gateway', `SELECT u.id FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.active AND o.path LIKE $1`, [`${zy.path}%`]);
    const acked = await stack.sql<{ user_id: string }>('policies', `SELECT user_id FROM policy_ack WHERE version_id = $1`, [v3.id]);
    const ackedInAudience = acked.filter((a) => audience.some((u) => u.id === a.user_id)).length;
    expect(rates).toMatchObject({ versionId: v3.id, audience: audience.length, acknowledged: ackedInAudience });
    expect(rates.units.find((l) => l.code === 'BR-ZY')).toMatchObject({ audience: audience.length, acknowledged: ackedInAudience });
    expect(rates.units.find((l) => l.code === 'SB-SH')).toMatchObject({ audience: 1, acknowledged: 1, rate: 1 });
    expect(rates.unread.map((u) => u.username)).toContain('staff');
    expect((await as('staff').get(`/api/policy-acknowledgements/rates?documentId=${doc.id}`)).status).toBe(403);
  });

  it('cancelled tasks leave a record: a user who leaves the audience unread, and the unread of a version a material one supersedes; none for a non-material one', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 甲。', true);
    // Two new members of staff at 安居支行营业部 (in the audience): one reads v1, then both leave for 消保办.
    const ids: Record<string, string> = {};
    for (const username of ['leaver.read', 'leaver.unread']) {
      const res = await as('admin').post('/api/users', { username, displayName: username, password: 'Demo@2026x', orgUnitId: units['OT-AJ-1'], roles: ['staff'] });
      expect(res.status).toBe(201);
      ids[username] = (res.body as { id: string }).id;
      tokens[username] = await stack.login(username, 'Demo@2026x');
    }
    await waitFor(async () => (await stack.sql('policies', `SELECT 1 FROM directory_user WHERE username LIKE 'leaver.%'`)).length === 2, { what: 'the leavers in the replica' });
    expect((await as('leaver.read').post(`/api/policy-versions/${v1.id}/acknowledge`, { contentHash: v1.contentHash })).status).toBe(200);
    const cancelled = async (versionId: string) => (await as('auditor').get(`/api/policy-versions/${versionId}/cancelled-acknowledgements`)).body as CancelledAcknowledgements;
    expect(await cancelled(v1.id)).toEqual({ versionId: v1.id, total: 0, items: [] });

    for (const username of ['leaver.read', 'leaver.unread']) expect((await as('admin').put(`/api/users/${ids[username]}`, { orgUnitId: units['HO-CPO'] })).status).toBe(200);
    await waitFor(async () => (await stack.sql('policies', `SELECT 1 FROM directory_user WHERE username LIKE 'leaver.%' AND org_unit_id = $1`, [units['HO-CPO']])).length === 2, { what: 'the moves in the replica' });
    const afterLeaving = await cancelled(v1.id);
    expect(afterLeaving.total).toBe(1);
    expect(afterLeaving.items[0]).toMatchObject({ versionId: v1.id, userId: ids['leaver.unread'], username: 'leaver.unread', orgUnitId: units['OT-AJ-1'], orgUnitName: '安居支行营业部', reason: 'left_audience' });
    expect(Math.abs(Date.parse(afterLeaving.items[0].at) - Date.now())).toBeLessThan(60_000);

    // A non-material v2 keeps v1's tasks open (same basis): nothing is cancelled.
    const v2 = await published(doc.id, '第一条 甲，乙。', false);
    expect((await cancelled(v1.id)).total).toBe(1);
    // A material v3: every member still in the audience who had not read v1/v2 has that task cancelled on v2 (the version superseded), counted independently.
    const { data: rates } = await typedApi(stack.baseUrl, tokens.auditor).GET('/api/policy-acknowledgements/rates', { params: { query: { documentId: doc.id } } });
    if (!rates) throw new Error('no rates');
    const [zy] = await stack.sql<{ path: string }>('gateway', `SELECT path FROM org_unit WHERE code = 'BR-ZY'`);
    const audience = await stack.sql<{ id: string; username: string }>(
      'gateway',
      `SELECT u.id, u.username FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.active AND o.path LIKE $1`,
      [`${zy.path}%`],
    );
    const acked = new Set((await stack.sql<{ user_id: string }>('policies', `SELECT user_id FROM policy_ack WHERE basis_id = $1`, [v1.id])).map((r) => r.user_id));
    const unreadNames = audience.filter((u) => !acked.has(u.id)).map((u) => u.username).sort();
    expect(rates.audience - rates.acknowledged).toBe(unreadNames.length);
    expect(unreadNames.length).toBeGreaterThan(0);
    const v3 = await published(doc.id, '第一条 丙。', true);
    const superseded = await cancelled(v2.id);
    expect(superseded.total).toBe(unreadNames.length);
    expect(superseded.items.map((c) => c.username).sort()).toEqual(unreadNames);
    expect(superseded.items.every((c) => c.reason === 'superseded')).toBe(true);
    expect(superseded.items.map((c) => c.username)).not.toContain('leaver.read');
    expect((await cancelled(v3.id)).total).toBe(0);

    // 射洪支行 (with staff.sh, who has not read v3) moves back out from under 资阳分行: a unit leaving the audience.
    const zyUnit = units['BR-ZY'];
    if ((await stack.sql('policies', `SELECT 1 FROM directory_org_unit WHERE id = $1 AND parent_id = $2`, [units['SB-SH'], zyUnit])).length === 0) {
      expect((await as('admin').put(`/api/org-units/${units['SB-SH']}`, { parentId: zyUnit })).status).toBe(200);
      await waitFor(async () => (await stack.sql('policies', `SELECT 1 FROM directory_org_unit WHERE id = $1 AND parent_id = $2`, [units['SB-SH'], zyUnit])).length === 1, { what: '射洪支行 under 资阳分行' });
    }
    expect((await as('admin').put(`/api/org-units/${units['SB-SH']}`, { parentId: units['BR-MY'] })).status).toBe(200);
    await waitFor(async () => (await cancelled(v3.id)).total > 0, { what: 'the moved unit’s cancelled task' });
    expect((await cancelled(v3.id)).items).toEqual([expect.objectContaining({ username: 'staff.sh', reason: 'left_audience', orgUnitName: '射洪支行营业部' })]);
    expect((await as('staff').get(`/api/policy-versions/${v2.id}/cancelled-acknowledgements`)).status).toBe(403);
  });

  it('an incident keeps its frozen steps after the plan changes; a higher level recomputes deadlines; closing with a mandatory step open is 409', async () => {
    const plan = (steps: number) => ({
      businessType: 'information_system',
      scenario: '核心系统中断',
      levels: [
        { level: 1, name: 'I级', triggers: '全行中断' },
        { level: 3, name: 'III级', triggers: '网点中断' },
      ],
      team: [{ role: '组长', name: '王行长', contact: '13800000000' }],
      steps: Array.from({ length: steps }, (_, i) => ({ order: i + 1, title: `步骤${i + 1}`, ownerRole: '科技部', minutesAllowed: 30, mandatory: i === 0 })),
      reporting: [
        { level: 3, to: '总行', withinMinutes: 240 },
        { level: 1, to: '总行', withinMinutes: 60 },
      ],
    });
    const doc = await newDocument({ kind: 'emergency_plan', planBusinessType: 'information_system', title: '信息系统突发事件应急管理办法' });
    const v1 = await approved(doc.id, '第一条 预案。', true, { plan: plan(2) });
    await as('admin').post(`/api/policy-versions/${v1.id}/publish`);
    const activated = await as('admin').post('/api/incidents', { documentId: doc.id, level: 3, title: '核心系统中断', activatedAt: '2026-03-01T08:00:00Z' });
    expect(activated.status).toBe(201);
    const inc = activated.body as IncidentView;
    const v2 = await approved(doc.id, '第一条 新预案。', true, { plan: plan(5) });
    await as('admin').post(`/api/policy-versions/${v2.id}/publish`);
    expect(((await as('auditor').get(`/api/incidents/${inc.id}`)).body as IncidentView).steps).toHaveLength(2);
    const raised = (await as('admin').post(`/api/incidents/${inc.id}/level`, { level: 1 })).body as IncidentView;
    expect(raised.deadlines).toEqual([{ to: '总行', dueAt: '2026-03-01T09:00:00.000Z', level: 1 }]);
    expect((await as('admin').post(`/api/incidents/${inc.id}/close`, { review: '总结' })).status).toBe(409);
    await as('admin').post(`/api/incidents/${inc.id}/steps`, { order: 1, status: 'done' });
    expect((await as('admin').post(`/api/incidents/${inc.id}/close`, { review: '总结' })).body).toMatchObject({ status: 'closed' });
    expect((await as('staff').get(`/api/incidents/${inc.id}`)).status).toBe(403);
  });
});
