/**
 * The complaint workflow through the REST API of the real platform: gateway, TWO
 * complaints-service instances, a private NATS with JetStream and fresh databases.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Schemas } from '@xb/api-client';
import type { ImportErrorBody } from '@xb/contracts';
import { waitFor } from '@xb/test-kit';
import ExcelJS from 'exceljs';
import pg from 'pg';
import request from 'supertest';
import { api, startStack, type Stack } from '../src/stack.js';

/**
 * The answers' types come from the OpenAPI document (the generated client), not from the
 * contracts: every answer is checked against that document at run time (`api()`), and a field
 * the document no longer has fails typecheck here.
 */
type ComplaintView = Schemas['ComplaintView'];
type ComplaintTimelineEntryView = Schemas['ComplaintTimelineEntryView'];
type CaseArchiveEntryView = Schemas['CaseArchiveEntryView'];
type ImportComplaintsResult = Schemas['ImportComplaintsResult'];

const DAY = 86_400_000;
const BEIJING = 8 * 3600_000;
/** 24:00 Beijing of the civil day `t` falls on (where a deadline ends: Civil Code art. 203). */
const endOfBeijingDay = (t: number) => new Date(Math.floor((t + BEIJING) / DAY) * DAY + DAY - BEIJING).toISOString();
/** 00:01 Beijing on the civil day `days` before today: a receipt whose deadline falls at a known end of day. */
const civilDaysAgo = (days: number) => new Date(Math.floor((Date.now() + BEIJING) / DAY) * DAY - BEIJING - days * DAY + 60_000).toISOString();
/** pg_advisory lock key of the supervision pass (complaints-service SUPERVISION_LOCK_KEY). */
const SUPERVISION_LOCK_KEY = 7215101;
const PASSWORD = 'Passw0rd!x';

let seq = 0;
/** A complaint body with a customer of its own (so repeat detection links nothing unintended). */
const complaintBody = (orgUnitId: string, extra: Record<string, unknown> = {}) => {
  seq++;
  return {
    channel: 'counter',
    businessCategory: 'social_security_card',
    cause: 'process_waiting',
    orgUnitId,
    customerName: '欧阳娜娜',
    customerPhone: `1370000${String(1000 + seq).slice(-4)}`,
    description: `社保卡补办等待时间过长,客户多次往返网点(${seq})。`,
    demand: '尽快发卡',
    ...extra,
  };
};

describe('complaint workflow through the API (gateway + 2 complaints instances, real PostgreSQL and JetStream)', () => {
  let stack: Stack;
  let units: Record<string, string>;
  let admin: ReturnType<typeof api>;
  let branch: ReturnType<typeof api>; // 'handler' works at 资阳分行 BR-ZY
  let outlet: ReturnType<typeof api>; // a handler at 安居支行营业部 OT-AJ-1, below BR-ZY
  let mianyang: ReturnType<typeof api>; // a handler at 绵阳分行 BR-MY, another branch
  let staff: ReturnType<typeof api>;
  const users: Record<string, string> = {};

  const createUser = async (username: string, unit: string, roles: string[], active = true) => {
    const res = await admin.post('/api/users', { username, displayName: username, password: PASSWORD, orgUnitId: units[unit], roles, active });
    expect(res.status).toBe(201);
    users[username] = res.body.id;
  };
  const create = async (client: ReturnType<typeof api>, unit: string, extra: Record<string, unknown> = {}): Promise<ComplaintView> => {
    const res = await client.post('/api/complaints', complaintBody(units[unit], extra));
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = (client: ReturnType<typeof api>, id: string, action: string, body: object = {}) => client.post(`/api/complaints/${id}/${action}`, body);
  const ok = async (client: ReturnType<typeof api>, id: string, action: string, body: object = {}): Promise<ComplaintView> => {
    const res = await act(client, id, action, body);
    if (res.status !== 200) throw new Error(`${action} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const toOutlet = () => ({ orgUnitId: units['OT-AJ-1'], handlerId: users['h.outlet'] });
  const timeline = async (id: string): Promise<ComplaintTimelineEntryView[]> => (await admin.get(`/api/complaints/${id}/timeline`)).body;
  const upload = (token: string, path: string, body: Buffer, filename: string) =>
    request(stack.baseUrl).post(path).set('Authorization', `Bearer ${token}`).attach('file', body, filename);
  const complaintCount = async () => (await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM complaint'))[0].n;

  let adminToken: string;
  let branchToken: string;

  beforeAll(async () => {
    // Supervision timers off: the tests decide when passes run (run-now), so the leader lock is theirs to observe.
    stack = await startStack({ name: 'workflow', complaintsInstances: 2, env: { complaints: { SUPERVISION_INTERVAL_MS: '0' } } });
    const rows = await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit');
    units = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    adminToken = await stack.login('admin');
    admin = api(stack.baseUrl, adminToken);
    branchToken = await stack.login('handler');
    branch = api(stack.baseUrl, branchToken);
    staff = api(stack.baseUrl, await stack.login('staff'));
    await createUser('h.outlet', 'OT-AJ-1', ['handler', 'staff']);
    await createUser('h.outlet2', 'OT-AJ-1', ['handler']);
    await createUser('h.mianyang', 'BR-MY', ['handler']);
    await createUser('h.retired', 'OT-AJ-1', ['handler'], false);
    await createUser('s.clerk', 'OT-AJ-1', ['staff']);
    outlet = api(stack.baseUrl, await stack.login('h.outlet', PASSWORD));
    mianyang = api(stack.baseUrl, await stack.login('h.mianyang', PASSWORD));
    const me = await branch.get('/api/auth/me');
    users.handler = me.body.id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks one complaint through every state, with the timeline and the audit log on record', async () => {
    const c = await create(branch, 'SB-AJ');
    expect(c).toMatchObject({ status: 'received', clockState: 'running', timeLimitDays: 15, assignedUnitId: null, version: 1 });

    const assigned = await ok(branch, c.id, 'assign', { ...toOutlet(), version: 1, note: '请网点核实制卡进度' });
    expect(assigned).toMatchObject({ status: 'assigned', assignedUnitId: units['OT-AJ-1'], assignedUnitName: '安居支行营业部', assignedHandlerId: users['h.outlet'], assignedHandlerUsername: 'h.outlet' });
    expect((await ok(outlet, c.id, 'start', { version: 2 })).status).toBe('in_progress');
    const resolved = await ok(outlet, c.id, 'resolve', { outcome: 'upheld', resolution: '已加急制卡并当面致歉。', compensationAmount: 0 });
    // Decided, customer not yet informed: the 15-day clock (decide AND inform) still runs.
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'upheld', resolution: '已加急制卡并当面致歉。', compensationAmount: 0, clockState: 'running', overdue: false });
    const informedAt = new Date().toISOString();
    expect(await ok(outlet, c.id, 'reply', { method: 'phone', informedAt })).toMatchObject({ status: 'replied', replyMethod: 'phone', repliedAt: informedAt, clockState: 'stopped', overdue: false });
    const closed = await ok(outlet, c.id, 'close', { satisfaction: 'satisfied', disputesOutcome: false, note: '回访客户,表示满意' });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'satisfied', disputesOutcome: false, version: 6 });
    expect(await admin.get(`/api/complaints/${c.id}`).then((r) => r.body)).toMatchObject({ status: 'closed', version: 6 });

    const steps = await timeline(c.id);
    expect(steps.map((s) => [s.action, s.fromStatus, s.toStatus, s.actor?.username])).toEqual([
      ['received', null, 'received', 'handler'],
      ['assigned', 'received', 'assigned', 'handler'],
      ['started', 'assigned', 'in_progress', 'h.outlet'],
      ['resolved', 'in_progress', 'resolved', 'h.outlet'],
      ['replied', 'resolved', 'replied', 'h.outlet'],
      ['closed', 'replied', 'closed', 'h.outlet'],
    ]);
    expect(steps[1]).toMatchObject({ note: '请网点核实制卡进度', data: { unitName: '安居支行营业部', handlerUsername: 'h.outlet' } });
    expect(steps[3].data).toMatchObject({ outcome: 'upheld', decidedWithinLimit: true });
    // The clock stops at 反馈: the reply carries the figure that counts.
    expect(steps[4].data).toMatchObject({ method: 'phone', informedAt, onTime: true });
    expect(steps[5]).toMatchObject({ note: '回访客户,表示满意', data: { satisfaction: 'satisfied', disputesOutcome: false } });
    expect(steps.every((s) => typeof s.at === 'string')).toBe(true);
    // Auditors read the timeline too; other branches do not even see the complaint.
    expect((await api(stack.baseUrl, await stack.login('auditor')).get(`/api/complaints/${c.id}/timeline`)).status).toBe(200);
    expect((await mianyang.get(`/api/complaints/${c.id}/timeline`)).status).toBe(404);

    // Every step reached the audit log through the outbox and JetStream.
    const actions = await waitFor(async () => {
      const rows = await stack.sql<{ action: string }>('gateway', `SELECT action FROM audit_log WHERE resource_id = $1 ORDER BY id`, [c.id]);
      return rows.length === 6 ? rows.map((r) => r.action) : undefined;
    }, { what: 'six audit entries for the complaint' });
    // Two instances relay their own commits, so the stream order of close-together events may differ.
    expect(actions.sort()).toEqual(['received', 'assigned', 'started', 'resolved', 'replied', 'closed'].map((a) => `complaints.complaint.${a}`).sort());
  });

  it('links concurrent complaints of one customer across both complaints instances: exactly one has no origin (重复投诉)', async () => {
    // Two instances write in parallel transactions; without serialising per customer both could miss each other.
    const phone = '13566660000';
    const created = await Promise.all(Array.from({ length: 12 }, () => create(branch, 'SB-AJ', { customerPhone: phone })));
    expect(created.filter((c) => c.repeatOfId === null)).toHaveLength(1);
    const ids = new Set(created.map((c) => c.id));
    for (const c of created) if (c.repeatOfId) expect(ids.has(c.repeatOfId)).toBe(true);
  });

  it('answers every illegal transition with 409 and leaves the record unchanged', async () => {
    const c = await create(branch, 'SB-AJ');
    const before = (await admin.get(`/api/complaints/${c.id}`)).body;
    const fromReceived: [string, object][] = [
      ['start', {}],
      ['resolve', { outcome: 'upheld', resolution: '已处理完毕。' }],
      ['reply', { method: 'sms', informedAt: new Date().toISOString() }],
      ['close', { satisfaction: 'satisfied', disputesOutcome: false }],
      ['reopen', { newFacts: '客户补充了新的材料。' }],
      ['resume', {}],
      ['mark-typical', { rootCause: '流程', lessons: '改进流程', tags: ['流程'] }],
    ];
    for (const [action, body] of fromReceived) {
      const res = await act(admin, c.id, action, body);
      expect({ action, status: res.status }).toEqual({ action, status: 409 });
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    }
    expect((await admin.get(`/api/complaints/${c.id}`)).body).toEqual({ ...before, daysLeft: expect.any(Number) });
    expect((await timeline(c.id)).map((s) => s.action)).toEqual(['received']);

    // A closed complaint refuses everything but reopen and mark-typical.
    const done = await create(branch, 'SB-AJ');
    await ok(branch, done.id, 'assign', toOutlet());
    await ok(outlet, done.id, 'start');
    await ok(outlet, done.id, 'resolve', { outcome: 'not_upheld', resolution: '经核实收费符合约定。' });
    await ok(outlet, done.id, 'reply', { method: 'letter', informedAt: new Date().toISOString() });
    await ok(outlet, done.id, 'close', { satisfaction: 'dissatisfied', disputesOutcome: true });
    const closedBefore = (await admin.get(`/api/complaints/${done.id}`)).body;
    const fromClosed: [string, object][] = [
      ['assign', toOutlet()],
      ['start', {}],
      ['resolve', { outcome: 'upheld', resolution: '已处理完毕。' }],
      ['reply', { method: 'sms', informedAt: new Date().toISOString() }],
      ['close', { satisfaction: 'satisfied', disputesOutcome: false }],
      ['reject', { reason: '不予受理' }],
      ['withdraw', { reason: '客户撤诉' }],
      ['extend', { reason: '复杂', customerNotifiedAt: new Date().toISOString() }],
      ['pause', { reason: '鉴定' }],
      ['resume', {}],
    ];
    for (const [action, body] of fromClosed) expect({ action, status: (await act(admin, done.id, action, body)).status }).toEqual({ action, status: 409 });
    expect((await admin.get(`/api/complaints/${done.id}`)).body).toEqual(closedBefore);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const c = await create(branch, 'SB-AJ');
    await ok(branch, c.id, 'assign', toOutlet());
    const before = (await admin.get(`/api/complaints/${c.id}`)).body;
    const res = await act(outlet, c.id, 'start', { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/version/i);
    expect((await admin.get(`/api/complaints/${c.id}`)).body).toEqual({ ...before, daysLeft: expect.any(Number) });
  });

  it('rejects (不予受理) and withdraws (撤诉), stopping the clock', async () => {
    const r = await create(branch, 'SB-AJ');
    expect(await ok(branch, r.id, 'reject', { reason: '不属于本行受理范围,已告知客户向相关机构反映' })).toMatchObject({ status: 'rejected', clockState: 'stopped', rejectionReason: expect.stringContaining('不属于') });
    const w = await create(branch, 'SB-AJ');
    await ok(branch, w.id, 'assign', toOutlet());
    await ok(outlet, w.id, 'start');
    expect(await ok(outlet, w.id, 'withdraw', { reason: '客户来电表示问题已解决,撤回投诉' })).toMatchObject({ status: 'withdrawn', clockState: 'stopped', daysLeft: null });
    expect((await act(admin, r.id, 'withdraw', { reason: '撤诉' })).status).toBe(409);
    expect((await timeline(w.id)).at(-1)).toMatchObject({ action: 'withdrawn', data: { reason: '客户来电表示问题已解决,撤回投诉' } });
  });

  it('extends to 30 days by the handling unit; the second extension needs an admin (403 without), then 60 days; no third', async () => {
    const c = await create(branch, 'SB-AJ');
    await ok(branch, c.id, 'assign', toOutlet());
    await ok(outlet, c.id, 'start');
    const notified = new Date().toISOString();
    const missing = await act(outlet, c.id, 'extend', {});
    expect(missing.status).toBe(400);
    expect(new Set(missing.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['customerNotifiedAt', 'reason']));

    const first = await ok(outlet, c.id, 'extend', { reason: '需调取监控录像核实', customerNotifiedAt: notified });
    expect(first).toMatchObject({ timeLimitDays: 30, extensionLevel: 1 });
    expect(new Date(first.dueAt).getTime() - new Date(c.dueAt).getTime()).toBe(15 * DAY);

    const before = (await admin.get(`/api/complaints/${c.id}`)).body;
    const refused = await act(outlet, c.id, 'extend', { reason: '案情特别复杂', customerNotifiedAt: notified });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/admin/);
    expect((await act(branch, c.id, 'extend', { reason: '案情特别复杂', customerNotifiedAt: notified })).status).toBe(403);
    expect((await admin.get(`/api/complaints/${c.id}`)).body).toEqual({ ...before, daysLeft: expect.any(Number) });

    const approved = await ok(admin, c.id, 'extend', { reason: '案情特别复杂,需第三方鉴定', customerNotifiedAt: notified });
    expect(approved).toMatchObject({ timeLimitDays: 60, extensionLevel: 2 });
    expect(new Date(approved.dueAt).getTime() - new Date(c.dueAt).getTime()).toBe(45 * DAY);
    expect(approved.extensions.map((e) => [e.level, e.limitDays, e.approvedBy.username])).toEqual([
      [1, 30, 'h.outlet'],
      [2, 60, 'admin'],
    ]);
    expect((await act(admin, c.id, 'extend', { reason: '再延', customerNotifiedAt: notified })).status).toBe(422);
  });

  it('pauses for outside appraisal and, on resume, moves the due date by the paused days', async () => {
    const c = await create(branch, 'SB-AJ');
    await ok(branch, c.id, 'assign', toOutlet());
    const started = await ok(outlet, c.id, 'start');
    const paused = await ok(outlet, c.id, 'pause', { reason: '送司法鉴定' });
    expect(paused).toMatchObject({ clockState: 'paused', pauseReason: '送司法鉴定', dueAt: started.dueAt });
    expect((await act(outlet, c.id, 'pause', { reason: '再次暂停' })).status).toBe(409);
    // Three days in appraisal: the pause is moved back instead of waiting.
    await stack.sql('complaints', `UPDATE complaint SET paused_at = paused_at - interval '3 days' WHERE id = $1`, [c.id]);
    const resumed = await ok(outlet, c.id, 'resume');
    expect(resumed).toMatchObject({ clockState: 'running', pausedAt: null, pausedMs: 3 * DAY });
    // Counted in days (art. 201): begun three civil days ago, ended today → three days more, still at 24:00.
    expect(resumed.dueAt).toBe(endOfBeijingDay(new Date(started.dueAt).getTime() - 1 + 3 * DAY));
    expect((await timeline(c.id)).slice(-2).map((s) => s.action)).toEqual(['paused', 'resumed']);
  });

  it('reopens (二次投诉) with new facts: back to assigned and a new 15-day clock', async () => {
    const c = await create(branch, 'SB-AJ');
    await ok(branch, c.id, 'assign', toOutlet());
    await ok(outlet, c.id, 'start');
    await ok(outlet, c.id, 'resolve', { outcome: 'upheld', resolution: '已退还费用。', compensationAmount: 50 });
    expect((await act(outlet, c.id, 'reopen', {})).status).toBe(400);
    const t0 = Date.now();
    const again = await ok(outlet, c.id, 'reopen', { newFacts: '客户反映费用仍被重复扣收,提供了新的流水。' });
    expect(again).toMatchObject({ status: 'assigned', reopenCount: 1, outcome: null, resolvedAt: null, timeLimitDays: 15, clockState: 'running' });
    expect(new Date(again.clockStartedAt).getTime()).toBeGreaterThanOrEqual(t0 - 5000);
    expect(again.dueAt).toBe(endOfBeijingDay(new Date(again.clockStartedAt).getTime() + 15 * DAY));
    expect((await timeline(c.id)).at(-1)).toMatchObject({ action: 'reopened', fromStatus: 'resolved', toStatus: 'assigned', data: { previousOutcome: 'upheld' } });
  });

  it('keeps handlers to their scope, checks the assignee, and enforces recusal (回避)', async () => {
    const c = await create(branch, 'SB-AJ', { namedStaffUserIds: [] });
    const before = (await admin.get(`/api/complaints/${c.id}`)).body;
    // Another branch's handler does not see it; staff may not act at all.
    expect((await act(mianyang, c.id, 'assign', toOutlet())).status).toBe(404);
    expect((await act(staff, c.id, 'assign', toOutlet())).status).toBe(403);
    // The branch handler may not dispatch into another branch.
    expect((await act(branch, c.id, 'assign', { orgUnitId: units['BR-MY'], handlerId: users['h.mianyang'] })).status).toBe(403);
    // The assignee must exist, be active, be a handler and sit in the unit's subtree (422).
    const bad = async (body: object, field: string) => {
      const res = await act(branch, c.id, 'assign', body);
      expect(res.status).toBe(422);
      expect(res.body.details[0].field).toBe(field);
    };
    await bad({ orgUnitId: units['OT-AJ-1'], handlerId: users['h.retired'] }, 'handlerId');
    await bad({ orgUnitId: units['OT-AJ-1'], handlerId: users['s.clerk'] }, 'handlerId');
    await bad({ orgUnitId: units['OT-AJ-1'], handlerId: users['h.mianyang'] }, 'handlerId');
    await bad({ orgUnitId: units['OT-AJ-1'], handlerId: '00000000-0000-4000-8000-000000000000' }, 'handlerId');
    await bad({ orgUnitId: '00000000-0000-4000-8000-000000000000', handlerId: users['h.outlet'] }, 'orgUnitId');
    // A handler of a unit below the target unit is fine (OT-AJ-1 is below SB-AJ).
    const invalid = await act(branch, c.id, 'assign', { orgUnitId: 'x', handlerId: 5 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['handlerId', 'orgUnitId']);
    expect((await admin.get(`/api/complaints/${c.id}`)).body).toEqual({ ...before, daysLeft: expect.any(Number) });

    // 回避: a complaint naming h.outlet cannot go to h.outlet, but to a colleague.
    const named = await create(branch, 'SB-AJ', { namedStaffUserIds: [users['h.outlet']] });
    const recused = await act(branch, named.id, 'assign', toOutlet());
    expect(recused.status).toBe(422);
    expect(recused.body.message).toContain('回避');
    expect((await ok(branch, named.id, 'assign', { orgUnitId: units['SB-AJ'], handlerId: users['h.outlet2'] })).assignedHandlerUsername).toBe('h.outlet2');

    // Reassignment between units is on the timeline; the handler of another unit then works it.
    const moved = await ok(admin, c.id, 'assign', { orgUnitId: units['BR-MY'], handlerId: users['h.mianyang'] });
    expect(moved.assignedUnitId).toBe(units['BR-MY']);
    expect((await ok(mianyang, c.id, 'start')).status).toBe('in_progress');
    // The intake branch still sees it but no longer holds the handling unit.
    expect((await branch.get(`/api/complaints/${c.id}`)).status).toBe(200);
    expect((await act(branch, c.id, 'resolve', { outcome: 'upheld', resolution: '已处理完毕。' })).status).toBe(403);
    const back = await ok(branch, c.id, 'assign', toOutlet());
    expect(back).toMatchObject({ status: 'assigned', assignedHandlerUsername: 'h.outlet' });
    expect((await timeline(c.id)).filter((s) => s.action === 'assigned').map((s) => [s.fromStatus, s.data.unitId, s.data.reassigned])).toEqual([
      ['received', units['BR-MY'], false],
      ['in_progress', units['OT-AJ-1'], true],
    ]);
  });

  it('shows my queue: assigned to me first, then my unit’s open ones by due date', async () => {
    const mine = await create(branch, 'SB-AJ', { receivedAt: new Date(Date.now() - 2 * DAY).toISOString() });
    await ok(branch, mine.id, 'assign', toOutlet());
    const unitOne = await create(admin, 'OT-AJ-1', { receivedAt: new Date(Date.now() - 10 * DAY).toISOString() });
    const res = await outlet.get('/api/complaints/queue?range=[0,499]');
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^complaints 0-\d+\/\d+$/);
    const ids: string[] = res.body.map((c: ComplaintView) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, unitOne.id]));
    const firstNotMine = res.body.findIndex((c: ComplaintView) => c.assignedHandlerId !== users['h.outlet']);
    expect(ids.indexOf(mine.id)).toBeLessThan(firstNotMine);
    const mineOnly = await outlet.get(`/api/complaints/queue?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}`);
    expect(mineOnly.body.every((c: ComplaintView) => c.assignedHandlerId === users['h.outlet'])).toBe(true);
    expect((await staff.get('/api/complaints/queue')).status).toBe(403);
  });

  it('marks typical cases into the archive, which every member of staff reads without any customer data', async () => {
    const c = await create(branch, 'SB-AJ', { customerName: '司马光明', customerPhone: '13911112222', customerIdNumber: '11010519491231002X', description: '社保卡激活后仍无法在医院结算,客户多次往返。' });
    await ok(branch, c.id, 'assign', toOutlet());
    await ok(outlet, c.id, 'start');
    expect((await act(outlet, c.id, 'mark-typical', { rootCause: '激活流程', lessons: '告知', tags: ['社保卡'] })).status).toBe(409);
    await ok(outlet, c.id, 'resolve', { outcome: 'upheld', resolution: '协调人社部门完成激活。' });
    const invalid = await act(outlet, c.id, 'mark-typical', { rootCause: '', tags: [] });
    expect(invalid.status).toBe(400);
    expect(new Set(invalid.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['rootCause', 'lessons', 'tags']));
    const marked = await ok(outlet, c.id, 'mark-typical', { rootCause: '社保卡激活需人社系统同步,网点未告知客户', lessons: '激活时一并告知同步时限并登记回访', tags: ['社保卡', '告知不到位'] });
    expect(marked.typical).toBe(true);

    const list = await staff.get(`/api/case-archive?filter=${encodeURIComponent(JSON.stringify({ tags: ['告知不到位'] }))}`);
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('case-archive 0-0/1');
    const [entry] = list.body as CaseArchiveEntryView[];
    expect(entry).toMatchObject({ id: c.id, description: '社保卡激活后仍无法在医院结算,客户多次往返。', rootCause: expect.stringContaining('激活'), tags: ['社保卡', '告知不到位'], outcome: 'upheld' });
    const text = JSON.stringify(list.body) + JSON.stringify((await staff.get(`/api/case-archive/${c.id}`)).body);
    for (const pii of ['司马', '13911112222', '11010519491231002X', '002X', '***']) expect(text).not.toContain(pii);
    expect(Object.keys(entry).filter((k) => /customer|phone|idNumber|namedStaff/i.test(k))).toEqual([]);
    for (const filter of [{ q: '同步时限' }, { businessCategory: 'social_security_card', cause: 'process_waiting' }]) {
      const r = await staff.get(`/api/case-archive?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect(r.body.map((e: CaseArchiveEntryView) => e.id)).toContain(c.id);
    }
    expect((await staff.get(`/api/case-archive?filter=${encodeURIComponent(JSON.stringify({ cause: 'fees' }))}`)).body).toEqual([]);
  });

  describe('bulk import', () => {
    // Three days ago at 09:30 Beijing time, written as a spreadsheet user would (no zone).
    const threeDaysAgo = new Date(Date.now() - 3 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    const importedAt = `${threeDaysAgo} 09:30`;
    const header = 'channel,businessCategory,cause,orgUnitCode,receivedAt,customerName,customerPhone,customerIdNumber,description,demand,externalRef,severity';
    const line = (n: number, over: Partial<Record<'channel' | 'phone' | 'unit' | 'ref', string>> = {}) =>
      [over.channel ?? 'own_hotline', 'loan', 'fees', over.unit ?? 'OT-AJ-2', importedAt, `导入客户${n}`, over.phone ?? `1366666${String(1000 + n)}`, '', `批量导入测试第${n}条:提前还款违约金未告知。`, '退还违约金', over.ref ?? '', 'general'].join(',');

    it('refuses a file with one bad row: nothing created, the row and field named', async () => {
      const before = await complaintCount();
      const file = [header, line(1), line(2, { phone: '12' }), line(3)].join('\n');
      const res = await upload(branchToken, '/api/complaints/import', Buffer.from(file), 'complaints.csv');
      expect(res.status).toBe(400);
      const body = res.body as ImportErrorBody;
      expect(body).toMatchObject({ statusCode: 400, created: 0, errors: [{ row: 2, field: 'customerPhone' }] });
      expect(body.details).toEqual([expect.objectContaining({ row: 2, field: 'customerPhone' })]);
      expect(await complaintCount()).toBe(before);

      // Unknown unit code and a transferred channel without its reference, in Chinese headings.
      const zh = ['受理渠道,业务类别,投诉原因,机构代码,客户姓名,联系电话,投诉内容', '政府服务热线12345转办,贷款业务,定价收费,OT-AJ-2,李四,13800001111,客户反映违约金问题。', '柜面,loan,fees,NO-SUCH,王五,13800002222,客户反映违约金问题。'].join('\n');
      const res2 = await upload(branchToken, '/api/complaints/import', Buffer.from(zh), 'zh.csv');
      expect(res2.status).toBe(400);
      expect(res2.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
        [1, 'externalRef'],
        [2, 'orgUnitCode'],
        [2, 'channel'],
      ]);
      // A unit outside the handler's scope is refused by the service (422), still nothing created.
      const res3 = await upload(branchToken, '/api/complaints/import', Buffer.from([header, line(4), line(5, { unit: 'OT-SH-1' })].join('\n')), 'scope.csv');
      expect(res3.status).toBe(422);
      expect(res3.body).toMatchObject({ created: 0, errors: [{ row: 2, field: 'orgUnitCode' }] });
      expect(await complaintCount()).toBe(before);
      expect((await upload(await stack.login('staff'), '/api/complaints/import', Buffer.from(file), 'x.csv')).status).toBe(403);
    });

    it('creates every row of a good CSV or .xlsx in one go, and validates only on a dry run', async () => {
      const before = await complaintCount();
      const file = [header, line(11), line(12, { channel: 'hotline_12345', ref: '12345-2026-777' }), line(13)].join('\r\n');
      const dry = await upload(branchToken, '/api/complaints/import?dryRun=true', Buffer.from(file), 'good.csv');
      expect(dry.status).toBe(200);
      expect(dry.body).toEqual({ created: 0, valid: 3, dryRun: true, complaints: [] });
      expect(await complaintCount()).toBe(before);

      const res = await upload(branchToken, '/api/complaints/import', Buffer.from(file), 'good.csv');
      expect(res.status).toBe(200);
      const result = res.body as ImportComplaintsResult;
      expect(result).toMatchObject({ created: 3, dryRun: false });
      expect(result.complaints.map((c) => c.row)).toEqual([1, 2, 3]);
      expect(await complaintCount()).toBe(before + 3);
      const second = (await admin.get(`/api/complaints/${result.complaints[1].id}`)).body as ComplaintView;
      expect(second).toMatchObject({ channel: 'hotline_12345', externalRef: '12345-2026-777', receivedAt: new Date(`${threeDaysAgo}T09:30:00+08:00`).toISOString(), customerName: expect.stringMatching(/^导\*+$/), orgUnitId: units['OT-AJ-2'] });
      expect(second.reportBackDueAt).not.toBeNull();

      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('导入');
      sheet.addRow(['渠道', '业务类别', '投诉原因', '机构代码', '客户姓名', '联系电话', '投诉内容']);
      sheet.addRow(['email', 'deposit', 'attitude', 'OT-AJ-1', '赵六', 13512345678, 'Excel 导入:柜员服务态度差。']);
      sheet.addRow(['letter', 'deposit', 'attitude', 'OT-AJ-1', '钱七', 13512345679, 'Excel 导入:排队时间过长。']);
      const xlsx = await upload(branchToken, '/api/complaints/import', Buffer.from(await wb.xlsx.writeBuffer()), 'complaints.xlsx');
      expect(xlsx.status).toBe(200);
      expect(xlsx.body.created).toBe(2);
      expect((await admin.get(`/api/complaints/${xlsx.body.complaints[0].id}`)).body).toMatchObject({ customerPhone: '135****5678', channel: 'email' });
    });

    it('replays an import for a repeated Idempotency-Key, and refuses the key for another file (422)', async () => {
      const before = await complaintCount();
      const key = `import-${Date.now()}`;
      const file = Buffer.from([header, line(21), line(22)].join('\n'));
      const first = await upload(branchToken, '/api/complaints/import', file, 'retry.csv').set('Idempotency-Key', key);
      expect(first.status).toBe(200);
      expect(first.body.created).toBe(2);
      const again = await upload(branchToken, '/api/complaints/import', file, 'retry.csv').set('Idempotency-Key', key);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await upload(branchToken, '/api/complaints/import', Buffer.from([header, line(23)].join('\n')), 'retry.csv').set('Idempotency-Key', key);
      expect(other.status).toBe(422);
      expect(other.body.message).toMatch(/different request/);
      expect(await complaintCount()).toBe(before + 2);
    });

    it('serves a template that imports as it is', async () => {
      const csv = await branch.get('/api/complaints/import/template?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const text = csv.text;
      expect(text.split(/\r?\n/)[0]).toBe('\uFEFFchannel,businessCategory,cause,orgUnitCode,receivedAt,customerName,customerPhone,customerIdNumber,description,demand,externalRef,severity,namedStaffUserIds');
      expect(text).toContain('BR-ZY');
      const res = await upload(branchToken, '/api/complaints/import?dryRun=true', Buffer.from(text), 'template.csv');
      expect(res.body).toMatchObject({ valid: 1, dryRun: true });
      const xlsx = await branch.get('/api/complaints/import/template').buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const dryX = await upload(branchToken, '/api/complaints/import?dryRun=true', xlsx.body as Buffer, 'template.xlsx');
      expect(dryX.body).toMatchObject({ valid: 1, dryRun: true });
    });
  });

  it('supervision with two service instances: each reminder and escalation once; the board and the record show them', async () => {
    const soon = await create(admin, 'SB-SH', { receivedAt: civilDaysAgo(14) }); // due at the end of tomorrow → 3-day reminder
    const tomorrow = await create(admin, 'SB-SH', { receivedAt: civilDaysAgo(15) }); // due tonight → 1-day reminder
    const late = await create(admin, 'OT-SH-1', { receivedAt: civilDaysAgo(16) }); // overdue since last night → escalated to 射洪支行 SB-SH
    const watched = [soon.id, tomorrow.id, late.id];

    // Race: several run-now requests, served by either instance (queue group); the timers are off in this stack.
    const runs = await Promise.all(Array.from({ length: 4 }, () => admin.post('/api/complaints/supervision/run-now')));
    expect(runs.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(runs.filter((r) => r.body.ran).length).toBeGreaterThanOrEqual(1);
    expect((await branch.post('/api/complaints/supervision/run-now')).status).toBe(403);

    const ledger = await stack.sql<{ complaint_id: string; kind: string }>('complaints', `SELECT complaint_id, kind FROM complaint_supervision WHERE complaint_id = ANY($1::uuid[]) ORDER BY kind`, [watched]);
    const kinds = (id: string) => ledger.filter((r) => r.complaint_id === id).map((r) => r.kind);
    expect(kinds(soon.id)).toEqual(['remind:3']);
    expect(kinds(tomorrow.id)).toEqual(['remind:1', 'remind:3']);
    expect(kinds(late.id)).toEqual(['escalated']);
    const events = await stack.sql<{ id: string; subject: string; n: number }>(
      'complaints',
      `SELECT payload->>'aggregateId' AS id, subject, count(*)::int AS n FROM outbox_event
        WHERE payload->>'aggregateId' = ANY($1) AND subject IN ('events.complaints.complaint.reminded', 'events.complaints.complaint.escalated')
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [watched],
    );
    expect(events.map((e) => [e.id, e.subject.split('.').at(-1), e.n]).sort()).toEqual(
      [
        [soon.id, 'reminded', 1],
        [tomorrow.id, 'reminded', 1],
        [late.id, 'escalated', 1],
      ].sort(),
    );
    // Run again: nothing new.
    await Promise.all([admin.post('/api/complaints/supervision/run-now'), admin.post('/api/complaints/supervision/run-now')]);
    const [{ n }] = await stack.sql<{ n: number }>('complaints', `SELECT count(*)::int AS n FROM complaint_supervision WHERE complaint_id = ANY($1::uuid[])`, [watched]);
    expect(n).toBe(4);

    const escalated = (await admin.get(`/api/complaints/${late.id}`)).body as ComplaintView;
    expect(escalated).toMatchObject({ overdue: true, escalation: { toUnitId: units['SB-SH'], overdueSince: late.dueAt } });
    expect((await timeline(late.id)).at(-1)).toMatchObject({ action: 'escalated', actor: null, data: { toUnitId: units['SB-SH'] } });
    const board = await mianyang.get('/api/complaints/supervision?range=[0,499]');
    expect(board.status).toBe(200);
    expect(board.body.map((c: ComplaintView) => c.id)).toEqual(expect.arrayContaining(watched));
    expect((await branch.get('/api/complaints/supervision?range=[0,499]')).body.map((c: ComplaintView) => c.id)).not.toContain(late.id);
    // The escalation reaches the audit log (JetStream consumer) once.
    await waitFor(async () => {
      const rows = await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'complaints.complaint.escalated' AND resource_id = $1`, [late.id]);
      return rows.length === 1;
    }, { what: 'one escalated audit entry' });
  });

  it('supervision leader lock across instances: run-now answers ran: false while the lock is held elsewhere; overlapping run-nows make one pass', async () => {
    // `.then` sends the request now (a supertest request is sent only once it is awaited).
    const runNow = () => admin.post('/api/complaints/supervision/run-now').then((r) => r);
    const holder = new pg.Client({ connectionString: stack.complaintsDbUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [SUPERVISION_LOCK_KEY]);
      const late = await create(admin, 'OT-SH-1', { receivedAt: civilDaysAgo(20) });
      const declined = await Promise.all(Array.from({ length: 12 }, runNow));
      expect(declined.map((r) => [r.status, r.body.ran])).toEqual(Array.from({ length: 12 }, () => [200, false]));
      // Both instances were asked (queue group) and both stood aside.
      const logs = stack.processes.filter((p) => p.name.includes('complaints')).map((p) => readFileSync(p.logFile, 'utf8'));
      for (const log of logs) expect(log).toContain('"subject":"complaints.supervision.run-now"');
      expect((await stack.sql('complaints', `SELECT 1 FROM complaint_supervision WHERE complaint_id = $1`, [late.id])).length).toBe(0);
      await holder.query('SELECT pg_advisory_unlock($1)', [SUPERVISION_LOCK_KEY]);

      // The first pass to reach the held row waits inside the leader lock; the run-nows sent meanwhile overlap it.
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM complaint WHERE id = $1 FOR UPDATE', [late.id]);
      const first = runNow();
      await waitFor(async () => (await holder.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND pid <> pg_backend_pid()`, [SUPERVISION_LOCK_KEY])).rowCount === 1, {
        what: 'a pass holding the leader lock',
      });
      const overlapping = await Promise.all(Array.from({ length: 6 }, runNow));
      await holder.query('COMMIT');
      const all = [await first, ...overlapping];
      expect(all.map((r) => r.status)).toEqual(Array(7).fill(200));
      expect(all.filter((r) => r.body.ran)).toHaveLength(1);
      expect((await stack.sql('complaints', `SELECT kind FROM complaint_supervision WHERE complaint_id = $1`, [late.id])).map((r) => r.kind)).toEqual(['escalated']);
    } finally {
      await holder.end();
    }
  });

  it('lists more than LIST_COUNT_CAP matches with the capped total and X-Total-Is-Lower-Bound; the exact count on demand', async () => {
    const marker = `上限测试${Date.now()}`;
    const header = 'channel,businessCategory,cause,orgUnitCode,customerName,customerPhone,description';
    const rows = Array.from({ length: 1200 }, (_, i) => ['own_hotline', 'loan', 'fees', 'OT-AJ-2', `上限客户${i}`, `1355555${String(i).padStart(4, '0')}`, `${marker} 第${i}条`].join(','));
    const res = await upload(branchToken, '/api/complaints/import', Buffer.from([header, ...rows].join('\n')), 'cap.csv');
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1200);
    const filter = (f: object) => encodeURIComponent(JSON.stringify(f));
    const capped = await admin.get(`/api/complaints?filter=${filter({ q: marker })}&range=[0,9]`);
    expect(capped.status).toBe(200);
    // Counting stops one row past the cap: the total says "at least 1001", the header says it is a lower bound.
    expect(capped.headers['content-range']).toBe('complaints 0-9/1001');
    expect(capped.headers['x-total-is-lower-bound']).toBe('true');
    expect((await admin.get(`/api/complaints/count?filter=${filter({ q: marker })}`)).body).toEqual({ total: 1200 });
    // Under the cap the total is exact and the header absent.
    const exact = await admin.get(`/api/complaints?filter=${filter({ q: `${marker} 第1100条` })}`);
    expect(exact.headers['content-range']).toMatch(/\/1$/);
    expect(exact.headers).not.toHaveProperty('x-total-is-lower-bound');
  }, 120_000);

  it('flags a repeat complaint by the same customer and reports major complaints at once', async () => {
    const first = await create(branch, 'SB-AJ', { customerIdNumber: '110105199003071239', customerPhone: '13700009999' });
    const repeat = await create(branch, 'SB-AJ', { customerIdNumber: '110105199003071239', customerPhone: '13700008888' });
    expect(repeat.repeatOfId).toBe(first.id);
    expect((await admin.get(`/api/complaints/${first.id}`)).body.repeats).toEqual([repeat.id]);
    const major = await create(admin, 'HO-BIZ', { severity: 'major' });
    await waitFor(async () => {
      const rows = await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'complaints.complaint.major-reported' AND resource_id = $1`, [major.id]);
      return rows.length === 1;
    }, { what: 'the major-reported event in the audit log' });
  });
});
