/**
 * The complaints service end to end over a real NATS bus and a real PostgreSQL database:
 * boots the microservice in-process exactly as main.ts does and talks to it through a
 * Nest ClientProxy, as the gateway will.
 */
import { PRC_CALENDAR } from '../src/database/migrations/1795402000001-holiday-calendar.js';
import { HolidayCalendar } from '../src/time-limits/holiday-calendar.js';
import { bankDayBounds, bankDayOf, dueDate, STANDARD_TIME_LIMIT } from '../src/time-limits/time-limits.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import {
  COMPLAINT_CODES,
  COMPLAINT_EVENTS,
  COMPLAINT_PATTERNS,
  EVENTS_STREAM,
  LIST_COUNT_CAP,
  MAX_PAGE_SIZE,
  eventSubject,
  healthPattern,
  type Actor,
  type ComplaintCodes,
  type ComplaintListFilterDto,
  type ComplaintPii,
  type ComplaintView,
  type CreateComplaintCommand,
  type DomainEvent,
  type ErrorBody,
  type ListQuery,
  type ListResult,
  type RpcEnvelope,
  type ServiceHealth,
} from '@xb/contracts';
import { connectJetStream, type JetStreamHandle } from '@xb/service-kit';
import { waitFor, type PrivateNats } from '@xb/test-kit';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { seedDirectory, startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';
import { idCheckChar } from '../src/complaints/id-number.js';

// One bank: head office → two branches → an outlet under branch 1.
const HEAD = randomUUID();
const BRANCH1 = randomUUID();
const BRANCH2 = randomUUID();
const OUTLET = randomUUID();
const path = {
  head: `/${HEAD}/`,
  branch1: `/${HEAD}/${BRANCH1}/`,
  branch2: `/${HEAD}/${BRANCH2}/`,
  outlet: `/${HEAD}/${BRANCH1}/${OUTLET}/`,
};

const actor = (username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({
  id: randomUUID(),
  username,
  roles,
  orgUnitId,
  orgPath,
});
const admin = actor('admin', ['admin'], HEAD, path.head);
const auditor = actor('auditor', ['auditor'], HEAD, path.head);
const handler1 = actor('handler1', ['handler'], BRANCH1, path.branch1);
const handler2 = actor('handler2', ['handler'], BRANCH2, path.branch2);
const trainer = actor('trainer', ['trainer'], HEAD, path.head);

/** A valid resident ID number (check digit computed). */
const idNumber = (first17 = '11010519900307123') => first17 + idCheckChar(first17);

const command = (over: Partial<CreateComplaintCommand> = {}): CreateComplaintCommand => ({
  channel: 'counter',
  businessCategory: 'credit_card',
  cause: 'fees',
  orgUnitId: OUTLET,
  customerName: '欧阳娜娜',
  customerPhone: '13812345678',
  customerIdNumber: idNumber(),
  description: '信用卡年费未告知即扣收，要求退还。',
  demand: '退还年费',
  ...over,
});

describe('complaints service over NATS (real PostgreSQL + JetStream)', () => {
  let nats: PrivateNats;
  let harness: ServiceHarness;
  let client: ClientProxy;
  let db: pg.Client;
  let jet: JetStreamHandle;

  const send = <T>(pattern: string, envelope: RpcEnvelope<unknown>): Promise<T> =>
    firstValueFrom(client.send<T>(pattern, envelope).pipe(timeout(5000)));
  /** The ErrorBody an RPC call fails with. */
  const failure = async (pattern: string, envelope: RpcEnvelope<unknown>): Promise<ErrorBody> => {
    try {
      await send(pattern, envelope);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const create = (by: Actor, data: CreateComplaintCommand, idempotencyKey?: string) =>
    send<ComplaintView>(COMPLAINT_PATTERNS.create, { actor: by, data, idempotencyKey });
  const list = (by: Actor, query: Partial<ListQuery<ComplaintListFilterDto>>) =>
    send<ListResult<ComplaintView>>(COMPLAINT_PATTERNS.list, { actor: by, data: query });
  const get = (by: Actor, id: string) => send<ComplaintView>(COMPLAINT_PATTERNS.get, { actor: by, data: { id } });
  const counts = async () => {
    const { rows } = await db.query<{ complaints: number; timeline: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM complaint) AS complaints, (SELECT count(*)::int FROM complaint_timeline) AS timeline,
              (SELECT count(*)::int FROM outbox_event) AS outbox`,
    );
    return rows[0];
  };

  /** Runs `work` while a trigger makes the timeline write (the intake's second write) fail for the user 'saboteur' only. */
  const withSaboteur = async (work: () => Promise<void>) => {
    await db.query(`
      CREATE FUNCTION refuse_saboteur() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.actor_username = 'saboteur' THEN RAISE EXCEPTION 'timeline refused'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_saboteur BEFORE INSERT ON complaint_timeline FOR EACH ROW EXECUTE FUNCTION refuse_saboteur()`);
    try {
      await work();
    } finally {
      await db.query(`DROP TRIGGER refuse_saboteur ON complaint_timeline; DROP FUNCTION refuse_saboteur()`);
    }
  };

  beforeAll(async () => {
    harness = await startServiceHarness('complaints', { load: () => import('../src/service.js') });
    ({ nats, client, db } = harness);
    jet = await connectJetStream(nats.url, 'complaints-test');
    await seedDirectory(db, {
      units: [{ path: path.head, name: '总行' }, { path: path.branch1, name: '资阳分行' }, { path: path.branch2, name: '绵阳分行' }, { path: path.outlet, name: '安居支行营业部', type: 'outlet' }],
    });
  });

  afterAll(async () => {
    await jet?.nc.close();
    await harness?.stop();
  });

  it('answers the health probe with database and NATS up', async () => {
    const health = await send<ServiceHealth>(healthPattern('complaints'), { actor: admin, data: {} });
    expect(health).toMatchObject({ service: 'complaints', status: 'up', components: { database: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('registers a complaint: reference, received, due at the end of the 15th day after receipt, first responder, masked PII', async () => {
    const receivedAt = new Date(Date.now() - 3600_000);
    // Civil Code arts. 201, 203: day one is the day after receipt; the 15th ends at 24:00 Beijing (moved past a holiday break).
    const dueAt = dueDate(receivedAt, STANDARD_TIME_LIMIT, new HolidayCalendar(PRC_CALENDAR));
    expect(dueAt.getTime()).toBe(bankDayBounds(bankDayOf(dueAt)).start.getTime()); // 24:00 = 00:00 of the next day
    const view = await create(handler1, command({ receivedAt: receivedAt.toISOString() }));
    expect(view).toMatchObject({
      status: 'received',
      channel: 'counter',
      severity: 'general',
      orgUnitId: OUTLET,
      orgPath: path.outlet,
      receivedAt: receivedAt.toISOString(),
      dueAt: dueAt.toISOString(),
      daysLeft: Math.floor((dueAt.getTime() - Date.now()) / 86400_000),
      overdue: false,
      clockState: 'running',
      customerName: '欧***',
      customerPhone: '138****5678',
      customerIdNumber: '1101**********' + idNumber().slice(-4),
      firstResponder: { id: handler1.id, username: 'handler1' },
      namedStaffUserIds: [],
      version: 1,
    } satisfies Partial<ComplaintView>);
    expect(view.reference).toMatch(new RegExp(`^TS-${new Date().getFullYear()}-\\d{6}$`));
    expect(typeof view.createdAt).toBe('string');

    const timeline = await db.query(`SELECT action, to_status, actor_id FROM complaint_timeline WHERE complaint_id = $1`, [view.id]);
    expect(timeline.rows).toEqual([{ action: 'received', to_status: 'received', actor_id: handler1.id }]);
    const fetched = await send<ComplaintView>(COMPLAINT_PATTERNS.get, { actor: auditor, data: { id: view.id } });
    expect(fetched).toMatchObject({ id: view.id, customerName: '欧***', customerPhone: '138****5678' });
  });

  it('stores no PII in clear: ciphertexts, masks and an HMAC key only', async () => {
    const view = await create(admin, command({ customerName: '王小明', customerPhone: '13900001111', customerIdNumber: idNumber('32010219851122004') }));
    const { rows } = await db.query(`SELECT * FROM complaint WHERE id = $1`, [view.id]);
    const row = rows[0] as Record<string, unknown>;
    const everything = JSON.stringify(row) + Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') + v.toString('utf8') : '')).join('');
    expect(everything).not.toContain('王小明');
    expect(everything).not.toContain('13900001111');
    expect(everything).not.toContain('32010219851122004');
    expect(row.customer_name_masked).toBe('王**');
    expect(row.customer_key).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.isBuffer(row.customer_name_enc)).toBe(true);
    const outbox = await db.query(`SELECT payload::text AS p FROM outbox_event WHERE payload->>'aggregateId' = $1`, [view.id]);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0].p).not.toMatch(/王|13900001111|32010219851122004|王\*\*|1390/);
  });

  it('refuses roles that may not register (trainer → 403) and units outside a handler’s scope (403)', async () => {
    const before = await counts();
    expect(await failure(COMPLAINT_PATTERNS.create, { actor: trainer, data: command() })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_PATTERNS.create, { actor: handler2, data: command() })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_PATTERNS.create, { actor: undefined as unknown as Actor, data: command() })).toMatchObject({ statusCode: 401 });
    expect(await counts()).toEqual(before);
  });

  it('rejects invalid fields with 400 naming each of them, and writes nothing', async () => {
    const before = await counts();
    const body = await failure(COMPLAINT_PATTERNS.create, {
      actor: handler1,
      data: {
        ...command(),
        channel: 'pigeon',
        customerPhone: '12',
        customerIdNumber: idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0'),
        receivedAt: new Date(Date.now() + 86400_000).toISOString(),
        description: '',
        // Not part of the command any more: the unit's path comes from the directory replica.
        orgPath: 'nowhere',
      } as unknown as CreateComplaintCommand,
      idempotencyKey: 'bad key with spaces',
    });
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = new Set(body.details?.map((d) => d.field));
    expect(fields).toEqual(new Set(['channel', 'customerPhone', 'customerIdNumber', 'receivedAt', 'description', 'idempotencyKey']));
    expect(body.details?.find((d) => d.field === 'customerIdNumber')?.message).toMatch(/check digit/);
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when the intake transaction fails half-way', async () => {
    await withSaboteur(async () => {
      const before = await counts();
      const saboteur = { ...handler1, id: randomUUID(), username: 'saboteur' };
      expect(await failure(COMPLAINT_PATTERNS.create, { actor: saboteur, data: command() })).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
      expect(await counts()).toEqual(before);
    });
  });

  it('requires the external reference for transferred channels (12345, 12363, regulator)', async () => {
    const before = await counts();
    for (const channel of ['hotline_12345', 'hotline_12363', 'regulator_transfer'] as const) {
      const body = await failure(COMPLAINT_PATTERNS.create, { actor: handler1, data: command({ channel }) });
      expect(body.statusCode).toBe(400);
      expect(body.details?.map((d) => d.field)).toEqual(['externalRef']);
    }
    expect(await counts()).toEqual(before);
    const ok = await create(handler1, command({ channel: 'hotline_12345', externalRef: '12345-2026-0001' }));
    expect(ok.externalRef).toBe('12345-2026-0001');
  });

  it('lists within the caller’s scope with every filter, paging and sorting', async () => {
    // A subtree of its own so other tests' rows do not disturb the counts.
    const region = randomUUID();
    const sub = randomUUID();
    const regionPath = `${path.branch2}${region}/`;
    const subPath = `${regionPath}${sub}/`;
    const tag = `tag${randomBytes(3).toString('hex')}`;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400_000).toISOString();
    await seedDirectory(db, { units: [{ path: regionPath, name: '区域' }, { path: subPath, name: '区域支行' }] });
    const mk = (over: Partial<CreateComplaintCommand>) => create(admin, command({ orgUnitId: region, description: `客户反映 ${tag} 问题`, ...over }));
    const a = await mk({ channel: 'counter', businessCategory: 'loan', cause: 'fees', severity: 'major', receivedAt: at(10) });
    const b = await mk({ channel: 'own_hotline', businessCategory: 'deposit', cause: 'attitude', receivedAt: at(5), orgUnitId: sub });
    const c = await mk({ channel: 'online', businessCategory: 'loan', cause: 'mis_selling', receivedAt: at(1), description: `Upper ${tag.toUpperCase()} 100%_done` });
    const inRegion = { orgUnitId: region };
    const ids = (r: ListResult<ComplaintView>) => r.items.map((i) => i.id);

    let r = await list(admin, { filter: inRegion, range: [0, 9], sort: ['receivedAt', 'DESC'] });
    expect(r.total).toBe(3);
    expect(ids(r)).toEqual([c.id, b.id, a.id]);
    expect(r.items.every((i) => i.customerName === '欧***' && i.customerPhone === '138****5678')).toBe(true);

    r = await list(admin, { filter: inRegion, range: [1, 1], sort: ['receivedAt', 'ASC'] });
    expect({ total: r.total, ids: ids(r) }).toEqual({ total: 3, ids: [b.id] });

    expect(ids(await list(admin, { filter: { orgUnitId: sub } }))).toEqual([b.id]);
    expect((await list(admin, { filter: { ...inRegion, status: 'received' } })).total).toBe(3);
    expect((await list(admin, { filter: { ...inRegion, status: ['assigned', 'closed'] } })).total).toBe(0);
    expect(ids(await list(admin, { filter: { ...inRegion, channel: 'online' } }))).toEqual([c.id]);
    expect(new Set(ids(await list(admin, { filter: { ...inRegion, channel: ['online', 'counter'] } })))).toEqual(new Set([a.id, c.id]));
    expect(new Set(ids(await list(admin, { filter: { ...inRegion, businessCategory: 'loan' } })))).toEqual(new Set([a.id, c.id]));
    expect(ids(await list(admin, { filter: { ...inRegion, severity: 'major' } }))).toEqual([a.id]);
    expect(ids(await list(admin, { filter: { ...inRegion, cause: ['attitude'] } }))).toEqual([b.id]);
    expect(ids(await list(admin, { filter: { ...inRegion, receivedFrom: at(6), receivedTo: at(2) } }))).toEqual([b.id]);
    expect(ids(await list(admin, { filter: { ...inRegion, receivedTo: a.receivedAt } }))).toEqual([a.id]);
    // A whole day (as react-admin's DateInput sends it) counts in Beijing time, both ends inclusive.
    const beijingDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));
    expect(ids(await list(admin, { filter: { ...inRegion, receivedFrom: beijingDay(b.receivedAt), receivedTo: beijingDay(b.receivedAt) } }))).toEqual([b.id]);
    // q: case-insensitive substring of description or reference, wildcards taken literally.
    expect(ids(await list(admin, { filter: { q: tag.toUpperCase() } })).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await list(admin, { filter: { q: tag }, range: [0, 0] })).total).toBe(3);
    expect(ids(await list(admin, { filter: { q: '100%_done' } }))).toEqual([c.id]);
    expect((await list(admin, { filter: { q: '100%_d0ne' } })).total).toBe(0);
    expect(ids(await list(admin, { filter: { q: a.reference.toLowerCase() } }))).toEqual([a.id]);
    // … and the labels of the business category and cause, in either language.
    expect(new Set(ids(await list(admin, { filter: { ...inRegion, q: '贷款业务' } })))).toEqual(new Set([a.id, c.id]));
    expect(ids(await list(admin, { filter: { ...inRegion, q: 'ATTITUDE' } }))).toEqual([b.id]);
    // getMany: { id: [...] }.
    expect(new Set(ids(await list(admin, { filter: { id: [a.id, c.id] } })))).toEqual(new Set([a.id, c.id]));

    // Scope: branch 1's handler sees none of branch 2's rows, even when asking for them.
    expect((await list(handler1, { filter: inRegion })).total).toBe(0);
    expect((await list(handler1, { filter: { q: tag } })).total).toBe(0);
    expect((await list(handler2, { filter: { q: tag } })).total).toBe(3);
    expect((await list(auditor, { filter: { q: tag } })).total).toBe(3);
  });

  it('validates list queries: filter values, sort field, range; other roles 403', async () => {
    const bad = (data: unknown) => failure(COMPLAINT_PATTERNS.list, { actor: admin, data });
    expect(await bad({ filter: { status: ['received', 'lost'], receivedFrom: 'yesterday' } })).toMatchObject({
      statusCode: 400,
      details: expect.arrayContaining([expect.objectContaining({ field: 'status' }), expect.objectContaining({ field: 'receivedFrom' })]),
    });
    expect((await bad({ sort: ['customerName', 'ASC'] })).details?.[0].field).toBe('sort');
    expect((await bad({ sort: ['receivedAt', 'sideways'] })).details?.[0].field).toBe('sort');
    expect((await bad({ range: ['a', 'b'] })).details?.[0].field).toBe('range');
    expect(await failure(COMPLAINT_PATTERNS.list, { actor: trainer, data: {} })).toMatchObject({ statusCode: 403 });
    // A page spans at most MAX_PAGE_SIZE rows: a larger range is refused, not silently clamped.
    expect((await bad({ range: [0, MAX_PAGE_SIZE] })).details?.[0].field).toBe('range');
    expect((await list(admin, { range: [0, MAX_PAGE_SIZE - 1] })).items.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    // react-admin's defaults: sort by id, getMany by ids; unknown filters and malformed ids are 400s naming the field.
    const some = (await list(admin, { range: [0, 2] })).items.map((c) => c.id);
    expect(some.length).toBeGreaterThan(1);
    expect((await list(admin, { sort: ['id', 'ASC'], filter: { id: some } })).items.map((c) => c.id)).toEqual([...some].sort());
    expect((await bad({ filter: { id: ['x'] } })).details?.[0].field).toBe('id');
    expect((await bad({ filter: { customerPhone: '138' } })).details?.[0].field).toBe('customerPhone');
  });

  it('answers get with 404 outside the caller’s scope and for malformed or unknown ids', async () => {
    const view = await create(handler1, command());
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: handler2, data: { id: view.id } })).toMatchObject({ statusCode: 404 });
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: handler2, data: { id: randomUUID() } })).toMatchObject({ statusCode: 404 });
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: handler1, data: { id: 'nope' } })).toMatchObject({ statusCode: 400 });
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: trainer, data: { id: view.id } })).toMatchObject({ statusCode: 403 });
    expect((await send<ComplaintView>(COMPLAINT_PATTERNS.get, { actor: handler1, data: { id: view.id } })).id).toBe(view.id);
  });

  it('reveals PII to admin and in-scope handlers only, for a stated reason, and records every reveal with its reason in the outbox', async () => {
    const view = await create(handler1, command({ customerName: '张三', customerPhone: '010-12345678', customerIdNumber: undefined }));
    const reason = '回访客户核实联系方式';
    const revealed = (by: Actor) => send<ComplaintPii>(COMPLAINT_PATTERNS.revealPii, { actor: by, data: { id: view.id, reason } });
    const expected: ComplaintPii = { id: view.id, reference: view.reference, customerName: '张三', customerPhone: '010-12345678', customerIdNumber: null };
    expect(view.customerPhone).toBe('***-****5678');
    expect(await revealed(admin)).toEqual(expected);
    expect(await revealed(handler1)).toEqual(expected);
    expect(await failure(COMPLAINT_PATTERNS.revealPii, { actor: auditor, data: { id: view.id, reason } })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_PATTERNS.revealPii, { actor: trainer, data: { id: view.id, reason } })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_PATTERNS.revealPii, { actor: handler2, data: { id: view.id, reason } })).toMatchObject({ statusCode: 404 });
    // No reason, a blank one or a one-character one: refused by the service itself, nothing audited.
    for (const bad of [{}, { reason: '' }, { reason: '   ' }, { reason: '查' }, { reason: 42 }]) {
      const refused = await failure(COMPLAINT_PATTERNS.revealPii, { actor: admin, data: { id: view.id, ...bad } });
      expect(refused).toMatchObject({ statusCode: 400 });
      expect(JSON.stringify(refused)).toContain('reason');
    }

    const { rows } = await db.query<{ payload: DomainEvent }>(
      `SELECT payload FROM outbox_event WHERE subject = $1 AND payload->>'aggregateId' = $2 ORDER BY created_at`,
      [eventSubject(COMPLAINT_EVENTS.piiRevealed), view.id],
    );
    expect(rows.map((r) => r.payload.actor?.id)).toEqual([admin.id, handler1.id]);
    expect(rows[0].payload).toMatchObject({
      name: COMPLAINT_EVENTS.piiRevealed,
      orgPath: path.outlet,
      payload: { complaintId: view.id, reference: view.reference, reason, fields: ['customerName', 'customerPhone'] },
    });
    expect(rows[1].payload.payload).toMatchObject({ reason });
    expect(JSON.stringify(rows)).not.toMatch(/张三|12345678/);
  });

  it('returns the first complaint for a repeated idempotency key, also when the retries race', async () => {
    const key = `idem-${randomUUID()}`;
    const first = await create(handler1, command(), key);
    const again = await create(handler1, command({ description: 'a retried POST with the same key' }), key);
    expect(again.id).toBe(first.id);
    // Another user may use the same key for its own complaint.
    const other = await create(admin, command(), key);
    expect(other.id).not.toBe(first.id);

    const raceKey = `race-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => create(handler1, command(), raceKey)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM complaint WHERE idempotency_key = ANY($1)`, [[key, raceKey]]);
    expect(rows[0].n).toBe(3);
    const events = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'aggregateId' = $1`, [results[0].id]);
    expect(events.rows[0].n).toBe(1);
  });

  it('writes concurrent intakes together (group commit), each whole: its row, one timeline step, one event', async () => {
    const before = await counts();
    const phones = Array.from({ length: 24 }, (_, i) => `139${String(7_000_000 + i).padStart(8, '0')}`);
    const created = await Promise.all(phones.map((phone) => create(handler1, command({ customerPhone: phone, customerIdNumber: undefined }))));
    expect(await counts()).toEqual({ complaints: before.complaints + 24, timeline: before.timeline + 24, outbox: before.outbox + 24 });
    expect(new Set(created.map((c) => c.reference)).size).toBe(24);
    const { rows } = await db.query<{ id: string; steps: number; events: number; created_at: Date }>(
      `SELECT c.id, c.created_at,
              (SELECT count(*)::int FROM complaint_timeline t WHERE t.complaint_id = c.id AND t.action = 'received') AS steps,
              (SELECT count(*)::int FROM outbox_event o WHERE o.payload->>'aggregateId' = c.id::text) AS events
         FROM complaint c WHERE c.id = ANY($1::uuid[])`,
      [created.map((c) => c.id)],
    );
    expect(rows.map((r) => [r.steps, r.events])).toEqual(created.map(() => [1, 1]));
    // Rows of one transaction share its start time: fewer distinct times than complaints means they were batched.
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBeLessThan(24);
  });

  it('fails only the intake that breaks a shared transaction; the others of its batch still land', async () => {
    await withSaboteur(async () => {
      const before = await counts();
      const saboteur = { ...handler1, id: randomUUID(), username: 'saboteur' };
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => create(i === 5 ? saboteur : handler1, command())));
      expect(outcomes.map((o) => o.status)).toEqual(outcomes.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
      expect((outcomes[5] as PromiseRejectedResult).reason).toMatchObject({ statusCode: 500 });
      expect(await counts()).toEqual({ complaints: before.complaints + 11, timeline: before.timeline + 11, outbox: before.outbox + 11 });
    });
  });

  it('links concurrent complaints of one customer as repeats, also within one batch: only the first has no origin', async () => {
    const customer = { customerPhone: '13600001111', customerIdNumber: idNumber('51070319850101001') };
    const created = await Promise.all(Array.from({ length: 10 }, () => create(handler1, command(customer))));
    expect(created.filter((c) => c.repeatOfId === null)).toHaveLength(1);
    const ids = new Set(created.map((c) => c.id));
    for (const c of created) if (c.repeatOfId) expect(ids.has(c.repeatOfId)).toBe(true);
    // Linked both ways: the origin's list of repeats, read back, names each complaint that points to it.
    const read = await list(admin, { filter: { id: [...ids] } as ComplaintListFilterDto, range: [0, 24] });
    const pointing = created.filter((c) => c.repeatOfId).map((c) => c.id).sort();
    expect(read.items.flatMap((c) => c.repeats).sort()).toEqual(pointing);
  });

  it('publishes the received event to JetStream without PII', async () => {
    const view = await create(handler1, command({ severity: 'major' }));
    const consumer = await jet.js.consumers.get(EVENTS_STREAM, { filter_subjects: eventSubject(COMPLAINT_EVENTS.received) });
    const event = await waitFor(
      async () => {
        const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
        for await (const msg of batch) {
          const e = msg.json<DomainEvent>();
          if (e.aggregateId === view.id) return { e, msgId: msg.headers?.get('Nats-Msg-Id') };
        }
        return undefined;
      },
      { timeoutMs: 15000, what: 'received event on JetStream' },
    );
    expect(event.e).toMatchObject({
      name: COMPLAINT_EVENTS.received,
      aggregateType: 'complaint',
      orgPath: path.outlet,
      actor: { id: handler1.id, username: 'handler1', orgUnitId: BRANCH1 },
      payload: {
        id: view.id,
        reference: view.reference,
        channel: 'counter',
        businessCategory: 'credit_card',
        cause: 'fees',
        severity: 'major',
        orgUnitId: OUTLET,
        receivedAt: view.receivedAt,
        dueAt: view.dueAt,
      },
    });
    expect(Object.keys(event.e.payload).sort()).toEqual(
      ['id', 'reference', 'channel', 'businessCategory', 'cause', 'severity', 'orgUnitId', 'receivedAt', 'dueAt', 'repeatOfId', 'reportBackDueAt'].sort(),
    );
    expect(event.msgId).toBe(event.e.id);
  });

  it('counts a list up to LIST_COUNT_CAP and then reports the total as a lower bound', async () => {
    const seed = await create(handler1, command());
    const subtreeUnit = randomUUID();
    const subtree = `${path.branch1}${subtreeUnit}/`;
    await seedDirectory(db, { units: [{ path: subtree }] });
    // LIST_COUNT_CAP + 5 copies of one complaint, each with its own id and reference, in a subtree of their own.
    await db.query(
      `INSERT INTO complaint SELECT (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(), 'reference', c.reference || '-' || g, 'org_path', $2::text, 'received_at', c.received_at - g * interval '1 minute'))).*
         FROM complaint c, generate_series(1, $3::int) g WHERE c.id = $1`,
      [seed.id, subtree, LIST_COUNT_CAP + 5],
    );
    try {
      const filter: ComplaintListFilterDto = { orgUnitId: subtreeUnit };
      const first = await list(handler1, { filter, range: [0, 24], sort: ['receivedAt', 'DESC'] });
      expect(first.items).toHaveLength(25);
      expect(first).toMatchObject({ total: LIST_COUNT_CAP + 1, totalIsLowerBound: true });
      // The last page past the cap still comes, and the total reaches at least its last row.
      const last = await list(handler1, { filter, range: [LIST_COUNT_CAP, LIST_COUNT_CAP + 24], sort: ['receivedAt', 'DESC'] });
      expect(last.items).toHaveLength(5);
      expect(last).toMatchObject({ total: LIST_COUNT_CAP + 5, totalIsLowerBound: true });
      // The exact count on demand, within the caller's scope only.
      const count = (by: Actor) => send<{ total: number }>(COMPLAINT_PATTERNS.count, { actor: by, data: { filter } });
      expect(await count(handler1)).toEqual({ total: LIST_COUNT_CAP + 5 });
      expect(await count(admin)).toEqual({ total: LIST_COUNT_CAP + 5 });
      expect(await count(handler2)).toEqual({ total: 0 });
      expect(await failure(COMPLAINT_PATTERNS.count, { actor: trainer, data: { filter } })).toMatchObject({ statusCode: 403 });
      expect(await failure(COMPLAINT_PATTERNS.count, { actor: handler1, data: { filter: { channel: 'pigeon' } } })).toMatchObject({ statusCode: 400 });
      // At or under the cap the count is exact and not flagged.
      await db.query(`DELETE FROM complaint WHERE id IN (SELECT id FROM complaint WHERE org_path = $1 ORDER BY received_at LIMIT 6)`, [subtree]);
      const exact = await list(handler1, { filter, range: [0, 24], sort: ['receivedAt', 'DESC'] });
      expect(exact.total).toBe(LIST_COUNT_CAP - 1);
      expect(exact.totalIsLowerBound).toBeUndefined();
    } finally {
      await db.query(`DELETE FROM complaint WHERE org_path = $1`, [subtree]);
    }
  });

  it('reads the caller’s scope from the directory replica, whatever org path the message claims', async () => {
    const view = await create(handler1, command());
    const claimsHeadOffice = { ...handler2, orgPath: path.head, atHeadOffice: true };
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: claimsHeadOffice, data: { id: view.id } })).toMatchObject({ statusCode: 404 });
    const unknownUnit = { ...handler1, orgUnitId: randomUUID() };
    expect(await failure(COMPLAINT_PATTERNS.get, { actor: unknownUnit, data: { id: view.id } })).toMatchObject({ statusCode: 403 });
  });

  it('follows a unit moved to another branch: one event rewrites the paths of the subtree’s complaints', async () => {
    const sub = randomUUID();
    const outlet = randomUUID();
    const subPath = `${path.branch1}${sub}/`;
    await seedDirectory(db, { units: [{ path: subPath, name: '移动支行', type: 'sub_branch' }, { path: `${subPath}${outlet}/`, name: '移动网点', type: 'outlet' }] });
    const atOutlet = await create(handler1, command({ orgUnitId: outlet }));
    expect(atOutlet.orgPath).toBe(`${subPath}${outlet}/`);
    expect((await get(handler2, atOutlet.id).catch((e: ErrorBody) => e)) as ErrorBody).toMatchObject({ statusCode: 404 });

    const newSubPath = `${path.branch2}${sub}/`;
    const moved = {
      id: randomUUID(),
      name: 'org.unit.moved',
      occurredAt: new Date().toISOString(),
      actor: null,
      aggregateType: 'org-unit',
      aggregateId: sub,
      payload: { id: sub, code: 'SUB-MV', name: '移动支行', type: 'sub_branch', parentId: BRANCH2, path: newSubPath, depth: 2, version: 50, oldParentId: BRANCH1, oldPath: subPath },
    };
    await jet.js.publish(eventSubject(moved.name), JSON.stringify(moved), { msgID: moved.id });
    const seen = await waitFor(async () => (await get(handler2, atOutlet.id).catch(() => undefined)) ?? false, { what: 'the moved complaint in branch 2’s scope' });
    expect(seen.orgPath).toBe(`${newSubPath}${outlet}/`);
    expect((await get(handler1, atOutlet.id).catch((e: ErrorBody) => e)) as ErrorBody).toMatchObject({ statusCode: 404 });
    const { rows } = await db.query(`SELECT version FROM complaint WHERE id = $1`, [atOutlet.id]);
    expect(rows[0].version).toBe(atOutlet.version);
    // A new intake there lands under the new path.
    expect((await create(handler2, command({ orgUnitId: outlet }))).orgPath).toBe(`${newSubPath}${outlet}/`);
  });

  it('serves the coded lists to any authenticated actor', async () => {
    expect(await send<ComplaintCodes>(COMPLAINT_PATTERNS.codes, { actor: trainer, data: {} })).toEqual(COMPLAINT_CODES);
    expect(await failure(COMPLAINT_PATTERNS.codes, { data: {} } as RpcEnvelope)).toMatchObject({ statusCode: 401 });
  });
});
