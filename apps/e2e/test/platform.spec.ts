import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'ra-core';
import { waitFor } from '@xb/test-kit';
import { LOGIN_IP_MAX_FAILURES, LOGIN_IP_WINDOW_MINUTES } from '@xb/contracts';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';
import { SERVICE_REGISTRY } from '@xb/contracts/registry';

/** The console's data provider, unchanged, pointed at the gateway. */
function raClient(baseUrl: string, token: string) {
  return simpleRestProvider(`${baseUrl}/api`, (url: string, options: fetchUtils.Options = {}) =>
    fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${token}` } }),
  );
}

const validComplaint = (orgUnitId: string, extra: Record<string, unknown> = {}) => ({
  channel: 'counter',
  businessCategory: 'social_security_card',
  cause: 'process_waiting',
  orgUnitId,
  customerName: '张三',
  customerPhone: '13812345678',
  customerIdNumber: '11010519491231002X',
  description: '新办社保卡等待时间过长,要求尽快办理。',
  demand: '尽快发卡',
  ...extra,
});

describe('platform through the gateway (real PostgreSQL, NATS JetStream, services)', () => {
  let stack: Stack;
  let admin: string;
  let units: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ name: 'platform', seedComplaints: 3 });
    admin = await stack.login('admin');
    const rows = await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit');
    units = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe('auth', () => {
    it('logs in every demo user and answers /auth/me', async () => {
      for (const username of ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff']) {
        const token = await stack.login(username);
        const me = await api(stack.baseUrl, token).get('/api/auth/me');
        expect(me.status).toBe(200);
        expect(me.body.username).toBe(username);
        expect(me.body).not.toHaveProperty('passwordHash');
      }
    });

    it('rejects requests without a token (401) and wrong passwords (401)', async () => {
      const none = await api(stack.baseUrl).get('/api/complaints');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const bad = await api(stack.baseUrl).post('/api/auth/login', { username: 'admin', password: 'wrong-password1' });
      expect(bad.status).toBe(401);
    });

    it('refuses a token once it expires, also right after it was accepted (verified tokens are cached)', async () => {
      const [adminRow] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM app_user WHERE username = 'admin'`);
      const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      // Ten seconds of validity: room to spare for two calls on a busy machine; then wait until it has passed.
      const exp = now + 10;
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: adminRow.id, username: 'admin', iat: now, exp })}`;
      const token = `${unsigned}.${createHmac('sha256', stack.jwtSecret).update(unsigned).digest('base64url')}`;
      expect((await api(stack.baseUrl, token).get('/api/auth/me')).status).toBe(200);
      expect((await api(stack.baseUrl, token).get('/api/auth/me')).status).toBe(200);
      expect(Date.now()).toBeLessThan(exp * 1000); // both calls were made while it was valid
      await waitFor(() => Date.now() > exp * 1000 + 50, { timeoutMs: 15000, intervalMs: 50, what: 'the token to expire' });
      const late = await api(stack.baseUrl, token).get('/api/auth/me');
      expect(late.status).toBe(401);
      expect(late.body.message).toBe('Invalid or expired token');
      // A forged signature is refused even for a subject whose real token is cached.
      expect((await api(stack.baseUrl, `${unsigned}.${'A'.repeat(43)}`).get('/api/auth/me')).status).toBe(401);
    });

    it('makes an address that keeps failing wait (429 + Retry-After) whatever the account; other addresses still log in', async () => {
      // The gateway trusts X-Forwarded-For from loopback (a proxy in front of it), so each test address is its own client.
      const login = (ip: string, username: string, password: string) => api(stack.baseUrl).post('/api/auth/login', { username, password }).set('X-Forwarded-For', ip);
      const sprayer = '203.0.113.7';
      for (let i = 0; i < LOGIN_IP_MAX_FAILURES; i++) {
        // One guess per account, unknown and real ones alike: no account reaches its own lockout.
        expect((await login(sprayer, ['trainer', 'inspector', 'staff'][i] ?? `nobody${i}`, `Guess@${i}`)).status).toBe(401);
      }
      const refused = await login(sprayer, 'auditor', DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_IP_WINDOW_MINUTES * 60);
      // Another address, and the same accounts, are not held back.
      expect((await login('203.0.113.8', 'auditor', DEMO_PASSWORD)).status).toBe(200);
      expect((await login('203.0.113.8', 'trainer', DEMO_PASSWORD)).status).toBe(200);
      const [{ n }] = await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login.refused-throttled' AND details->>'ip' = $1`, [sprayer]);
      expect(n).toBe(1);
    });

    it('locks an account for 15 minutes after 5 failed logins, even for the right password', async () => {
      const client = api(stack.baseUrl, admin);
      const created = await client.post('/api/users', { username: 'lock.me', displayName: '锁定测试', password: 'Passw0rd!x', orgUnitId: units['OT-AJ-1'], roles: ['staff'] });
      expect(created.status).toBe(201);
      for (let i = 0; i < 5; i++) {
        expect((await api(stack.baseUrl).post('/api/auth/login', { username: 'lock.me', password: 'nope-nope-1' })).status).toBe(401);
      }
      const locked = await api(stack.baseUrl).post('/api/auth/login', { username: 'lock.me', password: 'Passw0rd!x' });
      expect(locked.status).toBe(423);
      const [row] = await stack.sql<{ minutes: number }>('gateway', `SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS minutes FROM app_user WHERE username = 'lock.me'`);
      expect(row.minutes).toBe(15);
      const audit = await stack.sql<{ action: string }>('gateway', `SELECT action FROM audit_log WHERE actor_username = 'lock.me' ORDER BY id`);
      expect(audit.map((a) => a.action)).toEqual([...Array(5).fill('auth.login.failed'), 'auth.account.locked', 'auth.login.refused-locked']);
    });
  });

  describe('the stock ra-data-simple-rest client', () => {
    it('lists, reads, creates, updates and deletes org units', async () => {
      const ra = raClient(stack.baseUrl, admin);
      const list = await ra.getList('org-units', { pagination: { page: 1, perPage: 5 }, sort: { field: 'path', order: 'ASC' }, filter: {} });
      expect(list.total).toBe(20);
      expect(list.data).toHaveLength(5);
      const created = await ra.create('org-units', { data: { code: 'OT-TEST-1', name: '测试网点', type: 'outlet', parentId: units['SB-AJ'] } });
      expect(created.data.path).toMatch(new RegExp(`/${units['SB-AJ']}/${created.data.id}/$`));
      const read = await ra.getOne('org-units', { id: created.data.id });
      expect(read.data.name).toBe('测试网点');
      const updated = await ra.update('org-units', { id: created.data.id, data: { ...read.data, name: '测试网点(改)' }, previousData: read.data });
      expect(updated.data.name).toBe('测试网点(改)');
      const subtree = await ra.getList('org-units', { pagination: { page: 1, perPage: 50 }, sort: { field: 'path', order: 'ASC' }, filter: { within: units['BR-ZY'] } });
      expect(subtree.data.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['BR-ZY', 'SB-AJ', 'OT-AJ-1', 'OT-TEST-1']));
      expect(subtree.data.map((u: { code: string }) => u.code)).not.toContain('BR-MY');
      await ra.delete('org-units', { id: created.data.id, previousData: updated.data });
      await expect(ra.getOne('org-units', { id: created.data.id })).rejects.toMatchObject({ status: 404 });
    });

    it('refuses to delete a unit with children or users (409) and keeps it', async () => {
      const client = api(stack.baseUrl, admin);
      const res = await client.delete(`/api/org-units/${units['SB-AJ']}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/child units/);
      const withUsers = await client.delete(`/api/org-units/${units['OT-AJ-1']}`);
      expect(withUsers.status).toBe(409);
      expect((await client.get(`/api/org-units/${units['SB-AJ']}`)).status).toBe(200);
    });

    it('lists, reads, creates, updates and deletes users, never exposing the password', async () => {
      const ra = raClient(stack.baseUrl, admin);
      const created = await ra.create('users', { data: { username: 'wang.fang', displayName: '王芳', password: 'Secret123', orgUnitId: units['OT-SH-1'], roles: ['staff'] } });
      expect(created.data).not.toHaveProperty('password');
      expect(created.data).not.toHaveProperty('passwordHash');
      const list = await ra.getList('users', { pagination: { page: 1, perPage: 100 }, sort: { field: 'username', order: 'ASC' }, filter: { q: 'wang' } });
      expect(list.data.map((u: { username: string }) => u.username)).toEqual(['wang.fang']);
      const updated = await ra.update('users', { id: created.data.id, data: { ...created.data, roles: ['staff', 'handler'], password: 'NewSecret456' }, previousData: created.data });
      expect(updated.data.roles).toEqual(['staff', 'handler']);
      expect(await stack.login('wang.fang', 'NewSecret456')).toBeTruthy();
      const handlersInZy = await ra.getList('users', { pagination: { page: 1, perPage: 100 }, sort: { field: 'username', order: 'ASC' }, filter: { role: 'handler', within: units['BR-ZY'] } });
      expect(handlersInZy.data.map((u: { username: string }) => u.username)).toEqual(['handler']);
      const handlersInMy = await ra.getList('users', { pagination: { page: 1, perPage: 100 }, sort: { field: 'username', order: 'ASC' }, filter: { role: 'handler', within: units['BR-MY'] } });
      expect(handlersInMy.data.map((u: { username: string }) => u.username)).toEqual(['handler.my', 'wang.fang']);
      const many = await ra.getMany('users', { ids: [created.data.id] });
      expect(many.data).toHaveLength(1);
      await ra.delete('users', { id: created.data.id, previousData: updated.data });
      // Audited once per change, from the directory events (the audit consumer reads events.>), never with password material.
      const audit = await waitFor(
        async () => {
          const rows = await stack.sql<{ action: string; details: { changed?: string[] } }>('gateway', `SELECT action, details FROM audit_log WHERE resource_id = $1 AND action LIKE 'auth.user.%' ORDER BY id`, [created.data.id]);
          return rows.length >= 3 && rows;
        },
        { what: 'three audit entries for the user' },
      );
      expect(audit.map((r) => r.action)).toEqual(['auth.user.created', 'auth.user.updated', 'auth.user.deactivated']);
      expect(audit[1].details.changed).toEqual(['roles', 'password']);
      expect(JSON.stringify(audit)).not.toMatch(/NewSecret456|argon2|passwordHash/);
    });

    it('names people by id (display name and unit) for any signed-in user, whatever their scope', async () => {
      const users = (await api(stack.baseUrl, admin).get('/api/users?range=[0,99]')).body as { id: string; username: string; displayName: string }[];
      const byName = new Map(users.map((u) => [u.username, u]));
      const ids = [byName.get('admin')!.id, byName.get('handler.my')!.id];
      // handler (资阳分行) may not read head-office users, but sees their names on records.
      const res = await api(stack.baseUrl, await stack.login('handler')).get(`/api/users/names?ids=${[...ids, '00000000-0000-4000-8000-000000000000'].join(',')}`);
      expect(res.status).toBe(200);
      const people = (res.body as { id: string; username: string; displayName: string; orgUnitName: string }[]).sort((a, b) => a.username.localeCompare(b.username));
      expect(people.map((p) => p.username)).toEqual(['admin', 'handler.my']);
      for (const p of people) {
        expect(p.displayName).toBe(byName.get(p.username)!.displayName);
        expect(p.displayName).not.toBe(p.username);
        expect(p.orgUnitName).toBeTruthy();
      }
      expect(Object.keys(people[0]).sort()).toEqual(['displayName', 'id', 'orgUnitName', 'username']);
      const bad = await api(stack.baseUrl, admin).get('/api/users/names?ids=nope');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('ids');
      expect((await api(stack.baseUrl).get(`/api/users/names?ids=${ids[0]}`)).status).toBe(401);
    });

    it('lists and creates complaints', async () => {
      const ra = raClient(stack.baseUrl, admin);
      const created = await ra.create('complaints', { data: validComplaint(units['HO-BIZ']) });
      expect(created.data).toMatchObject({ status: 'received', customerPhone: '138****5678', customerName: '张*' });
      const list = await ra.getList('complaints', { pagination: { page: 1, perPage: 25 }, sort: { field: 'receivedAt', order: 'DESC' }, filter: { channel: 'counter' } });
      expect(list.data.map((c: { id: string }) => c.id)).toContain(created.data.id);
      expect(list.total).toBeGreaterThanOrEqual(1);
    });

    it('sends Content-Range on lists and exposes it through CORS', async () => {
      const res = await api(stack.baseUrl, admin).get('/api/org-units?range=[0,4]').set('Origin', 'http://localhost:5173');
      expect(res.headers['content-range']).toBe('org-units 0-4/20');
      expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    });
  });

  describe('complaint intake', () => {
    it('answers with reference, status, due date at the end of the 15th day after receipt and the first responder', async () => {
      const res = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['HO-BIZ'], { receivedAt: '2026-11-01T02:00:00.000Z' }));
      expect(res.status).toBe(201);
      expect(res.body.reference).toMatch(/^TS-2026-\d{6}$/);
      expect(res.body.status).toBe('received');
      // Received 1 Nov 10:00 Beijing: day one is 2 Nov, day 15 is 16 Nov, ending at 24:00 Beijing.
      expect(res.body.dueAt).toBe('2026-11-16T16:00:00.000Z');
      expect(res.body.firstResponder.username).toBe('admin');
    });

    it('counts deadlines on both sides of the National Day break the way the Civil Code counts days', async () => {
      // receipt (Beijing) → due (24:00 Beijing of the last day): day 15 before the break stays; inside it moves to 8 Oct.
      const cases: [string, string][] = [
        ['2026-09-15T23:59:00+08:00', '2026-09-30T16:00:00.000Z'], // 15th day 30 Sep, the eve of the break
        ['2026-09-16T00:01:00+08:00', '2026-10-08T16:00:00.000Z'], // 15th day 1 Oct → day after the break
        ['2026-09-20T10:00:00+08:00', '2026-10-08T16:00:00.000Z'], // 15th day 5 Oct → 8 Oct
        ['2026-09-23T10:00:00+08:00', '2026-10-08T16:00:00.000Z'], // 15th day 8 Oct, no move
        ['2026-09-28T10:00:00+08:00', '2026-10-13T16:00:00.000Z'], // counted through the break
      ];
      for (const [receivedAt, dueAt] of cases) {
        const created = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['HO-BIZ'], { receivedAt: new Date(receivedAt).toISOString() }));
        expect(created.status).toBe(201);
        const read = await api(stack.baseUrl, admin).get(`/api/complaints/${created.body.id}`);
        expect([receivedAt, read.body.dueAt]).toEqual([receivedAt, dueAt]);
      }
    });

    it('rejects missing and invalid fields with 400 naming each field, and writes nothing', async () => {
      const before = await stack.sql<{ n: number }>('complaints', 'SELECT (SELECT count(*) FROM complaint)::int + (SELECT count(*) FROM outbox_event)::int AS n');
      const res = await api(stack.baseUrl, admin).post('/api/complaints', { channel: 'carrier_pigeon', customerPhone: '12', orgUnitId: 'not-a-uuid' });
      expect(res.status).toBe(400);
      const fields = (res.body.details as { field: string }[]).map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['channel', 'businessCategory', 'cause', 'orgUnitId', 'customerName', 'customerPhone', 'description']));
      const transferred = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['HO-BIZ'], { channel: 'hotline_12345' }));
      expect(transferred.status).toBe(400);
      expect(transferred.body.details.map((d: { field: string }) => d.field)).toContain('externalRef');
      const after = await stack.sql<{ n: number }>('complaints', 'SELECT (SELECT count(*) FROM complaint)::int + (SELECT count(*) FROM outbox_event)::int AS n');
      expect(after[0].n).toBe(before[0].n);
    });

    it('forbids a trainer to create (403) and keeps handlers inside their subtree (404)', async () => {
      const trainer = await stack.login('trainer');
      expect((await api(stack.baseUrl, trainer).post('/api/complaints', validComplaint(units['HO-BIZ']))).status).toBe(403);
      expect((await api(stack.baseUrl, trainer).get('/api/complaints')).status).toBe(403);
      const other = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['SB-SH']));
      const own = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['OT-AJ-1']));
      const handler = await stack.login('handler'); // works at 资阳分行 (BR-ZY)
      const h = api(stack.baseUrl, handler);
      expect((await h.get(`/api/complaints/${other.body.id}`)).status).toBe(404);
      expect((await h.get(`/api/complaints/${own.body.id}`)).status).toBe(200);
      const list = await h.get('/api/complaints?range=[0,499]');
      expect(list.body.map((c: { id: string }) => c.id)).toContain(own.body.id);
      expect(list.body.every((c: { orgPath: string }) => c.orgPath.includes(units['BR-ZY']))).toBe(true);
      expect((await h.post('/api/complaints', validComplaint(units['SB-SH']))).status).toBe(403);
    });

    it('filters by org subtree, channel, status, date range and free text', async () => {
      const client = api(stack.baseUrl, admin);
      const marker = `标记${Date.now()}`;
      const c = await client.post('/api/complaints', validComplaint(units['OT-PX-2'], { channel: 'email', description: `${marker} 手机银行转账失败` }));
      const q = (f: object) => client.get(`/api/complaints?filter=${encodeURIComponent(JSON.stringify(f))}&range=[0,99]`);
      expect((await q({ q: marker })).body.map((x: { id: string }) => x.id)).toEqual([c.body.id]);
      expect((await q({ q: c.body.reference })).body.map((x: { id: string }) => x.id)).toEqual([c.body.id]);
      expect((await q({ orgUnitId: units['BR-MY'], q: marker })).body).toHaveLength(1);
      expect((await q({ orgUnitId: units['BR-ZY'], q: marker })).body).toHaveLength(0);
      expect((await q({ channel: 'email', status: 'received', q: marker })).body).toHaveLength(1);
      expect((await q({ channel: 'counter', q: marker })).body).toHaveLength(0);
      expect((await q({ receivedFrom: '2000-01-01', receivedTo: '2000-12-31', q: marker })).body).toHaveLength(0);
      const bad = await q({ status: 'nonsense' });
      expect(bad.status).toBe(400);
    });

    it('replays the first answer for a repeated Idempotency-Key and creates nothing new', async () => {
      const client = api(stack.baseUrl, admin);
      const body = validComplaint(units['HO-TEL'], { channel: 'own_hotline', description: '幂等性测试:重复提交同一投诉。' });
      const first = await client.post('/api/complaints', body).set('Idempotency-Key', 'retry-123');
      const second = await client.post('/api/complaints', body).set('Idempotency-Key', 'retry-123');
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      const rows = await stack.sql('complaints', `SELECT id FROM complaint WHERE description = $1`, [body.description]);
      expect(rows).toHaveLength(1);
      const changed = await client.post('/api/complaints', { ...body, demand: '不同的请求' }).set('Idempotency-Key', 'retry-123');
      expect(changed.status).toBe(422);
    });
  });

  describe('customer PII', () => {
    let complaintId: string;

    beforeAll(async () => {
      const res = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['OT-AJ-2'], { customerName: '欧阳娜娜', customerPhone: '13998765432' }));
      complaintId = res.body.id;
    });

    it('is masked in list and show for every role that may read complaints', async () => {
      for (const username of ['admin', 'handler', 'auditor']) {
        const client = api(stack.baseUrl, await stack.login(username));
        const show = await client.get(`/api/complaints/${complaintId}`);
        expect(show.body).toMatchObject({ customerName: '欧***', customerPhone: '139****5432', customerIdNumber: '1101**********002X' });
        const list = await client.get('/api/complaints?range=[0,499]');
        const text = JSON.stringify(list.body);
        expect(text).not.toContain('13998765432');
        expect(text).not.toContain('欧阳娜娜');
        expect(text).not.toContain('11010519491231002X');
      }
    });

    it('is stored encrypted', async () => {
      const [row] = await stack.sql<Record<string, unknown>>('complaints', 'SELECT * FROM complaint WHERE id = $1', [complaintId]);
      const text = JSON.stringify(row);
      expect(text).not.toContain('13998765432');
      expect(text).not.toContain('11010519491231002X');
    });

    it('is revealed by /pii only to admin and the owning handler, only for a stated reason, and every reveal is audited with its reason', async () => {
      const reason = { reason: '核实客户身份' };
      const reveal = async (token: string, id = complaintId, body: object = reason) => api(stack.baseUrl, token).post(`/api/complaints/${id}/pii`, body);
      // No reason (查询事由), no reveal: 400 naming the field, for the gateway and (rpc.spec) the service.
      const noReason = await reveal(admin, complaintId, {});
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body)).toContain('reason');
      expect((await reveal(admin, complaintId, { reason: '  ' })).status).toBe(400);
      const adminPii = await reveal(admin);
      expect(adminPii.status).toBe(200);
      expect(adminPii.body).toMatchObject({ customerName: '欧阳娜娜', customerPhone: '13998765432', customerIdNumber: '11010519491231002X' });
      const handlerPii = await reveal(await stack.login('handler'));
      expect(handlerPii.status).toBe(200);
      expect((await reveal(await stack.login('auditor'))).status).toBe(403);
      expect((await reveal(await stack.login('staff'))).status).toBe(403);
      const other = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['SB-PX']));
      expect((await reveal(await stack.login('handler'), other.body.id)).status).toBe(404);

      const reveals = await waitFor(async () => {
        const res = await api(stack.baseUrl, admin).get(`/api/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'complaints.complaint.pii-revealed', resourceId: complaintId }))}`);
        return res.body.length === 2 ? res.body : undefined;
      }, { what: 'two pii-revealed audit entries' });
      expect(reveals.map((r: { actorUsername: string }) => r.actorUsername).sort()).toEqual(['admin', 'handler']);
      for (const entry of reveals) expect(entry.details).toMatchObject({ reason: '核实客户身份' });
      expect(JSON.stringify(reveals)).not.toContain('13998765432');
    });
  });

  describe('audit log', () => {
    it('is readable by admin and auditor only', async () => {
      expect((await api(stack.baseUrl, await stack.login('auditor')).get('/api/audit-log')).status).toBe(200);
      expect((await api(stack.baseUrl, await stack.login('handler')).get('/api/audit-log')).status).toBe(403);
    });

    it('receives every domain event once, filters, and verifies; an altered row breaks the chain there', async () => {
      const client = api(stack.baseUrl, admin);
      const [{ n: complaints }] = await stack.sql<{ n: number }>('complaints', 'SELECT count(*)::int AS n FROM complaint');
      await waitFor(async () => {
        const [{ n }] = await stack.sql<{ n: number }>('gateway', `SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaints.complaint.received'`);
        return n === complaints;
      }, { what: 'one received entry per complaint' });
      const byActor = await client.get(`/api/audit-log?filter=${encodeURIComponent(JSON.stringify({ actorUsername: 'admin', action: 'auth.login' }))}&range=[0,9]`);
      expect(byActor.status).toBe(200);
      expect(byActor.body.every((e: { action: string; actorUsername: string }) => e.action.startsWith('auth.login') && e.actorUsername === 'admin')).toBe(true);

      const ok = await client.get('/api/audit-log/verify');
      expect(ok.body.ok).toBe(true);
      expect(ok.body.entries).toBeGreaterThan(10);

      // The table refuses updates; a DBA who bypasses the trigger is still caught by the chain.
      await expect(stack.sql('gateway', `UPDATE audit_log SET action = 'x' WHERE id = 5`)).rejects.toThrow(/append-only/);
      await stack.sql('gateway', `BEGIN; SET LOCAL xb.audit_maintenance = 'on'; UPDATE audit_log SET details = '{"tampered":true}' WHERE id = 5; COMMIT;`);
      const broken = await client.get('/api/audit-log/verify');
      expect(broken.body).toMatchObject({ ok: false, firstBrokenId: '5' });
    });
  });

  describe('platform surface', () => {
    it('carries the correlation id from the HTTP request through NATS into the service logs and the audit entry', async () => {
      const correlationId = `corr-${Date.now()}`;
      const res = await api(stack.baseUrl, admin).post('/api/complaints', validComplaint(units['HO-BIZ'])).set('X-Correlation-Id', correlationId);
      expect(res.status).toBe(201);
      expect(res.headers['x-correlation-id']).toBe(correlationId);
      const serviceLog = stack.processes.find((p) => p.name.includes('complaints'))!.logFile;
      await waitFor(() => readFileSync(serviceLog, 'utf8').includes(`"correlationId":"${correlationId}"`), { what: 'correlation id in service log' });
      const entry = await waitFor(async () => {
        const rows = await stack.sql<{ id: string; correlation_id: string }>('gateway', `SELECT id, correlation_id FROM audit_log WHERE action = 'complaints.complaint.received' AND resource_id = $1`, [res.body.id]);
        return rows[0];
      }, { what: 'audit entry of the new complaint' });
      expect(entry.correlation_id).toBe(correlationId);
      const show = await api(stack.baseUrl, admin).get(`/api/audit-log/${entry.id}`);
      expect(show.body).toMatchObject({ id: entry.id, action: 'complaints.complaint.received', resourceId: res.body.id, correlationId });
    });

    it('serves OpenAPI with the DTOs and enums', async () => {
      const res = await api(stack.baseUrl).get('/api/docs-json');
      expect(res.status).toBe(200);
      const schemas = res.body.components.schemas;
      expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['CreateComplaintDto', 'CreateUserDto', 'CreateOrgUnitDto', 'LoginDto', 'ComplaintChannel', 'Role']));
      expect(res.body.paths['/api/complaints/{id}/pii']?.post).toBeDefined();
    });

    it('reports health of the database, NATS and each service of the registry', async () => {
      const res = await api(stack.baseUrl).get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body.components.database.status).toBe('up');
      expect(res.body.components.nats.status).toBe('up');
      // The stack leaves the gateway's SERVICES unset: the gateway reads the registry itself.
      for (const s of SERVICE_REGISTRY) expect({ [s.name]: res.body.components[s.name]?.status }).toEqual({ [s.name]: 'up' });
    });

    it('returns the coded lists with Chinese and English labels', async () => {
      const res = await api(stack.baseUrl, await stack.login('staff')).get('/api/reference/complaint-codes');
      expect(res.status).toBe(200);
      expect(res.body.channels.find((c: { key: string }) => c.key === 'hotline_12345')).toMatchObject({ zh: expect.stringContaining('12345'), en: expect.any(String) });
      expect(res.body.businessCategories.length).toBeGreaterThan(10);
    });

    it('serves the console at / with client-side routes', async () => {
      const root = await api(stack.baseUrl).get('/');
      expect(root.status).toBe(200);
      expect(root.text).toContain('<div id="root">');
      expect((await api(stack.baseUrl).get('/complaints/create')).text).toContain('<div id="root">');
    });

    it('answers malformed JSON and bad list parameters with 400, not 500', async () => {
      const res = await api(stack.baseUrl, admin).post('/api/complaints').set('Content-Type', 'application/json').send('{"channel":');
      expect(res.status).toBe(400);
      expect((await api(stack.baseUrl, admin).get('/api/complaints?range=oops')).status).toBe(400);
      expect((await api(stack.baseUrl, admin).get('/api/complaints?sort=["customerPhone","ASC"]')).status).toBe(400);
      expect((await api(stack.baseUrl, admin).get('/api/complaints/not-a-uuid')).status).toBe(400);
    });
  });
});
