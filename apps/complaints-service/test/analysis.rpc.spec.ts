/**
 * Analysis and the quarterly report over a real NATS bus and PostgreSQL: complaints come in
 * through the intake message, the workflow's facts are written straight to the table (as
 * the workflow would), and the triggers' roll-up must then agree with the rules in
 * closure-buckets.ts and with a rebuild from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import {
  COMPLAINT_ANALYSIS_PATTERNS,
  COMPLAINT_PATTERNS,
  type Actor,
  type AnalysisOrgUnit,
  type ComplaintAnalysis,
  type ComplaintAnalysisCommand,
  type ComplaintView,
  type CreateComplaintCommand,
  type ErrorBody,
  type QuarterlyReportCommand,
  type ReportFile,
  type RpcEnvelope,
} from '@xb/contracts';
import { connectJetStream } from '@xb/service-kit';
import { waitFor } from '@xb/test-kit';
import ExcelJS from 'exceljs';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { seedDirectory, startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';
import { closureBucketOf, type ClosureBucket } from '../src/analysis/closure-buckets.js';

const DAY = 86_400_000;
const id = () => randomUUID();
const HEAD = id();
const BIZ = id();
const BRANCH1 = id();
const SUB1 = id();
const BRANCH2 = id();
const path = { head: `/${HEAD}/`, biz: `/${HEAD}/${BIZ}/`, branch1: `/${HEAD}/${BRANCH1}/`, sub1: `/${HEAD}/${BRANCH1}/${SUB1}/`, branch2: `/${HEAD}/${BRANCH2}/` };
const units: AnalysisOrgUnit[] = [
  { id: HEAD, code: 'HO', name: '总行', type: 'head_office', path: path.head },
  { id: BIZ, code: 'HO-BIZ', name: '总行营业部', type: 'department', path: path.biz },
  { id: BRANCH1, code: 'BR-1', name: '资阳分行', type: 'branch', path: path.branch1 },
  { id: SUB1, code: 'SB-1', name: '安居支行', type: 'sub_branch', path: path.sub1 },
  { id: BRANCH2, code: 'BR-2', name: '绵阳分行', type: 'branch', path: path.branch2 },
];
const unitOf = (code: string) => units.find((u) => u.code === code)!;

const actor = (username: string, roles: Actor['roles'], unit: AnalysisOrgUnit, atHeadOffice = false): Actor => ({
  id: id(),
  username,
  roles,
  orgUnitId: unit.id,
  orgPath: unit.path,
  atHeadOffice,
});
const admin = actor('admin', ['admin'], unitOf('HO'), true);
const auditor = actor('auditor', ['auditor'], unitOf('HO'), true);
const handler1 = actor('handler1', ['handler'], unitOf('BR-1'));
const trainer = actor('trainer', ['trainer'], unitOf('HO'), true);

type Fate = 'open' | 'openNotDue' | 'closed3' | 'closed20ext' | 'closedLate' | 'resolved40ext' | 'rejected';
interface Fact {
  unit: string;
  channel: CreateComplaintCommand['channel'];
  category: CreateComplaintCommand['businessCategory'];
  receivedAt: Date;
  fate: Fate;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
}

// 2025 Q3: 24 complaints; 2025 Q2: 6; 2024 Q3: 10.
const q3 = (day: number) => new Date(Date.UTC(2025, 6, 1, 2) + day * DAY);
const FATES: Fate[] = ['open', 'closed3', 'closed20ext', 'closedLate', 'resolved40ext', 'rejected', 'closed3', 'openNotDue'];
const SAT = ['satisfied', 'basically_satisfied', 'dissatisfied', 'satisfied'] as const;
const CODES = ['HO-BIZ', 'HO-BIZ', 'HO-BIZ', 'BR-1', 'SB-1', 'SB-1', 'BR-2', 'HO-BIZ'];
const CHANNELS: Fact['channel'][] = ['hotline_12345', 'hotline_12345', 'own_hotline', 'hotline_12363', 'counter', 'hotline_12345', 'regulator_transfer', 'online'];
const facts: Fact[] = [
  ...Array.from({ length: 24 }, (_, i): Fact => ({
    unit: CODES[i % CODES.length],
    channel: CHANNELS[(i * 3) % CHANNELS.length],
    category: i % 4 === 0 ? 'social_security_card' : 'loan',
    // Day 91 is 30 Sep 02:00 UTC (10:00 in Beijing); day 92 would be 1 Oct in Beijing: Q4.
    receivedAt: q3((i * 4) % 92),
    fate: FATES[i % FATES.length],
    satisfaction: SAT[i % SAT.length],
  })),
  ...Array.from({ length: 6 }, (_, i): Fact => ({ unit: 'HO-BIZ', channel: 'counter', category: 'deposit', receivedAt: new Date(Date.UTC(2025, 3, 3 + i * 10)), fate: 'closed3' })),
  ...Array.from({ length: 10 }, (_, i): Fact => ({ unit: i < 4 ? 'HO-BIZ' : 'SB-1', channel: 'hotline_12345', category: 'loan', receivedAt: new Date(Date.UTC(2024, 6, 5 + i * 8)), fate: 'closed3' })),
];
/** Sept 30 16:30 UTC is 1 October in Beijing: this one belongs to Q4 and must not be counted. */
const q4Edge: Fact = { unit: 'HO-BIZ', channel: 'counter', category: 'loan', receivedAt: new Date(Date.UTC(2025, 8, 30, 16, 30)), fate: 'open' };

/**
 * The workflow facts a fate stands for (what the workflow would have written). The clock
 * stops when the customer is informed (反馈, replied_at), not at the decision (办结):
 * `closedLate` is decided on day 14 (in time) but the customer is told on day 20 — late;
 * `resolved40ext` is decided but the customer not yet informed — the clock still runs, and
 * is long past due.
 */
function workflowOf(f: Fact, now: Date): { status: string; dueAt: Date; resolvedAt: Date | null; informedAt: Date | null; satisfaction: string | null } {
  const r = f.receivedAt.getTime();
  const due15 = new Date(r + 15 * DAY);
  switch (f.fate) {
    case 'open':
      return { status: 'in_progress', dueAt: due15, resolvedAt: null, informedAt: null, satisfaction: null };
    case 'openNotDue':
      return { status: 'assigned', dueAt: new Date(now.getTime() + 10 * DAY), resolvedAt: null, informedAt: null, satisfaction: null };
    case 'closed3':
      return { status: 'closed', dueAt: due15, resolvedAt: new Date(r + 3 * DAY), informedAt: new Date(r + 3 * DAY + 2 * 3600_000), satisfaction: f.satisfaction ?? 'satisfied' };
    case 'closed20ext':
      return { status: 'closed', dueAt: new Date(r + 30 * DAY), resolvedAt: new Date(r + 20 * DAY), informedAt: new Date(r + 20.5 * DAY), satisfaction: f.satisfaction ?? null };
    case 'closedLate':
      return { status: 'closed', dueAt: due15, resolvedAt: new Date(r + 14 * DAY), informedAt: new Date(r + 20 * DAY), satisfaction: 'dissatisfied' };
    case 'resolved40ext':
      return { status: 'resolved', dueAt: new Date(r + 60 * DAY), resolvedAt: new Date(r + 40 * DAY), informedAt: null, satisfaction: null };
    case 'rejected':
      return { status: 'rejected', dueAt: due15, resolvedAt: null, informedAt: null, satisfaction: null };
  }
}

describe('complaint analysis and the quarterly report over NATS (real PostgreSQL)', () => {
  let harness: ServiceHarness;
  let client: ClientProxy;
  let db: pg.Client;
  const created: { fact: Fact; view: ComplaintView }[] = [];
  const now = new Date();

  const send = <T>(pattern: string, envelope: RpcEnvelope<unknown>): Promise<T> => firstValueFrom(client.send<T>(pattern, envelope).pipe(timeout(10000)));
  const failure = async (pattern: string, envelope: RpcEnvelope<unknown>): Promise<ErrorBody> => {
    try {
      await send(pattern, envelope);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const analyse = (by: Actor, data: ComplaintAnalysisCommand) => send<ComplaintAnalysis>(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: by, data });
  /** The folded roll-up (the service folds the trigger log every couple of seconds; fold the rest now). */
  const stats = async () => {
    await db.query(`SELECT complaint_stats_compact(1000000)`);
    return (await db.query<{ day: string; org_unit_id: string; v: number[] }>(`SELECT day::text, org_unit_id, v FROM complaint_daily_stats WHERE v[1] <> 0 ORDER BY 1, 2`)).rows;
  };

  async function intake(f: Fact): Promise<ComplaintView> {
    const u = unitOf(f.unit);
    const transferred = ['hotline_12345', 'hotline_12363', 'regulator_transfer'].includes(f.channel);
    return send<ComplaintView>(COMPLAINT_PATTERNS.create, {
      actor: admin,
      data: {
        channel: f.channel,
        businessCategory: f.category,
        cause: 'process_waiting',
        orgUnitId: u.id,
        receivedAt: f.receivedAt.toISOString(),
        customerName: '王五',
        // A different customer each time, so none is linked as a repeat of another.
        customerPhone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        description: '社保卡补办等待时间过长。',
        ...(transferred ? { externalRef: `REF-${randomBytes(3).toString('hex')}` } : {}),
      } satisfies CreateComplaintCommand,
    });
  }

  async function applyWorkflow(complaintId: string, f: Fact) {
    const w = workflowOf(f, now);
    await db.query(`UPDATE complaint SET status = $2, due_at = $3, resolved_at = $4, replied_at = $5, satisfaction = $6 WHERE id = $1`, [
      complaintId,
      w.status,
      w.dueAt,
      w.resolvedAt,
      w.informedAt,
      w.satisfaction,
    ]);
  }

  beforeAll(async () => {
    harness = await startServiceHarness('analysis', { load: () => import('../src/service.js') });
    ({ client, db } = harness);
    await seedDirectory(db, { units: units.map(({ path: unitPath, code, name, type }) => ({ path: unitPath, code, name, type })) });
    for (const fact of [...facts, q4Edge]) {
      const view = await intake(fact);
      await applyWorkflow(view.id, fact);
      created.push({ fact, view });
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it('agrees with the closure rules for every complaint of the quarter', async () => {
    const inQ3 = facts.filter((f) => f.receivedAt >= new Date('2025-06-30T16:00:00Z') && f.receivedAt < new Date('2025-09-30T16:00:00Z'));
    expect(inQ3).toHaveLength(24);
    const expected: Record<ClosureBucket, number> = { within15: 0, within16to30: 0, within31to60: 0, over60: 0, overdueResolved: 0, overdueOpen: 0, openWithinLimit: 0, notResolved: 0 };
    let resolved = 0;
    let informed = 0;
    let onTime = 0;
    let minutes = 0;
    for (const f of inQ3) {
      const w = workflowOf(f, now);
      expected[closureBucketOf({ status: w.status, receivedAt: f.receivedAt, dueAt: w.dueAt, informedAt: w.informedAt }, now)]++;
      if (w.resolvedAt) resolved++;
      if (w.informedAt) {
        informed++;
        if (w.informedAt <= w.dueAt) onTime++;
        minutes += (w.informedAt.getTime() - f.receivedAt.getTime()) / 60_000;
      }
    }
    const a = await analyse(admin, { from: '2025-07-01', to: '2025-09-30' });
    expect(a.total).toBe(24);
    expect(a.closureBuckets).toEqual({ ...expected, overdue: expected.overdueResolved + expected.overdueOpen });
    // Decided on day 14 but informed on day 20: late (the old rule, clock stopped at 办结, counted them on time).
    const fates = (fate: Fate) => inQ3.filter((f) => f.fate === fate).length;
    expect(a.closureBuckets.overdueResolved).toBe(fates('closedLate'));
    // Decided but not yet informed, past due: still open and overdue.
    expect(a.closureBuckets.overdueOpen).toBe(fates('open') + fates('resolved40ext'));
    expect(a.timeliness).toEqual({ resolved, informed, onTime, rate: Math.round((onTime / informed) * 10000) / 100 });
    expect(a.timeliness.informed).toBe(fates('closed3') + fates('closed20ext') + fates('closedLate'));
    expect(a.timeliness.onTime).toBe(fates('closed3') + fates('closed20ext'));
    expect(a.averageHandlingDays).toBe(Math.round((minutes / informed / 1440) * 10) / 10);
    expect(a.period).toEqual({ from: '2025-07-01', to: '2025-09-30', days: 92 });
    expect(a.previousPeriod).toEqual({ from: '2025-04-01', to: '2025-06-30', days: 91 });
    expect(a.previous).toEqual({ current: 24, previous: 6, delta: 18, percent: 300 });
    expect(a.lastYear).toEqual({ current: 24, previous: 10, delta: 14, percent: 140 });
    const sat = inQ3.map((f) => workflowOf(f, now).satisfaction).filter(Boolean);
    expect(a.satisfaction.followedUp).toBe(sat.length);
    expect(a.satisfaction.satisfied + a.satisfaction.basicallySatisfied + a.satisfaction.dissatisfied).toBe(sat.length);
    const channels = Object.fromEntries(a.byChannel!.map((l) => [l.key, l.count]));
    for (const c of new Set(inQ3.map((f) => f.channel))) expect(channels[c]).toBe(inQ3.filter((f) => f.channel === c).length);
    expect(a.transferred.total).toBe(inQ3.filter((f) => ['hotline_12345', 'hotline_12363', 'regulator_transfer'].includes(f.channel)).length);
    expect(a.trend.map((t) => t.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(a.trend.reduce((n, t) => n + t.count, 0)).toBe(24);
    expect(a.trend.reduce((n, t) => n + t.lastYear, 0)).toBe(10);
    const line = (code: string) => a.byOrgUnit!.find((l) => l.code === code)!;
    const own = (code: string) => inQ3.filter((f) => f.unit === code).length;
    expect(line('HO')).toMatchObject({ own: 0, total: 24, level: 0 });
    expect(line('BR-1')).toMatchObject({ own: own('BR-1'), total: own('BR-1') + own('SB-1') });
    expect(line('HO-BIZ')).toMatchObject({ own: own('HO-BIZ'), ownShare: Math.round((own('HO-BIZ') / 24) * 1000) / 10 });
  });

  it('keeps the roll-up equal to a rebuild from scratch through updates, moves and deletes', async () => {
    const [a, b, c] = created;
    // A move to another unit and another day, a status change, a delete.
    await db.query(`UPDATE complaint SET org_unit_id = $2, org_path = $3, org_unit_name = $4, received_at = received_at + interval '3 days' WHERE id = $1`, [
      a.view.id,
      BRANCH2,
      path.branch2,
      '绵阳分行',
    ]);
    await db.query(`UPDATE complaint SET status = 'withdrawn', resolved_at = NULL, replied_at = NULL, satisfaction = NULL WHERE id = $1`, [b.view.id]);
    // Informing the customer alone (only replied_at changes) moves the figures: the trigger watches it.
    await db.query(`UPDATE complaint SET replied_at = resolved_at + interval '1 day' WHERE id = $1`, [created[4].view.id]);
    await db.query(`UPDATE complaint SET repeat_of_id = NULL WHERE repeat_of_id = $1`, [c.view.id]);
    await db.query(`DELETE FROM complaint_timeline WHERE complaint_id = $1`, [c.view.id]);
    await db.query(`DELETE FROM complaint WHERE id = $1`, [c.view.id]);
    // Several changes to one row in one transaction compose.
    await db.query('BEGIN');
    await db.query(`UPDATE complaint SET status = 'assigned' WHERE id = $1`, [created[3].view.id]);
    await db.query(`UPDATE complaint SET status = 'in_progress', severity = 'major' WHERE id = $1`, [created[3].view.id]);
    await db.query('COMMIT');
    // Analysis reads the log before it is folded: the same answer either way.
    const before = await analyse(admin, { from: '2024-01-01', to: '2025-12-31' });
    const incremental = await stats();
    expect(await analyse(admin, { from: '2024-01-01', to: '2025-12-31' })).toMatchObject({ total: before.total, byChannel: before.byChannel, closureBuckets: before.closureBuckets });
    const [{ complaint_stats_rebuild: rows }] = (await db.query(`SELECT complaint_stats_rebuild()`)).rows;
    expect(Number(rows)).toBeGreaterThan(0);
    expect(await stats()).toEqual(incremental);
    // Put the three back as they were for the other tests.
    await db.query(`UPDATE complaint SET org_unit_id = $2, org_path = $3, org_unit_name = $4, received_at = $5 WHERE id = $1`, [a.view.id, unitOf(a.fact.unit).id, unitOf(a.fact.unit).path, unitOf(a.fact.unit).name, a.fact.receivedAt]);
    await applyWorkflow(b.view.id, b.fact);
    const again = await intake(c.fact);
    await applyWorkflow(again.id, c.fact);
    created[2] = { fact: c.fact, view: again };
    await db.query(`UPDATE complaint SET status = $2, severity = 'general' WHERE id = $1`, [created[3].view.id, workflowOf(created[3].fact, now).status]);
    await applyWorkflow(created[4].view.id, created[4].fact);
  });

  it('folds the trigger log into the daily table by itself, within seconds', async () => {
    await intake({ unit: 'BR-2', channel: 'counter', category: 'loan', receivedAt: new Date(Date.UTC(2024, 0, 10, 3)), fate: 'open' });
    const pending = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaint_stats_delta`)).rows[0].n;
    await waitFor(async () => (await pending()) === 0, { timeoutMs: 10_000, what: 'the compactor to empty complaint_stats_delta' });
    const [row] = (await db.query<{ n: number }>(`SELECT v[1] AS n FROM complaint_daily_stats WHERE day = '2024-01-10' AND org_unit_id = $1`, [BRANCH2])).rows;
    expect(row.n).toBe(1);
  });

  it('changes nothing when the intake transaction fails', async () => {
    const before = await stats();
    await db.query(`
      CREATE FUNCTION refuse_saboteur_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.actor_username = 'saboteur' THEN RAISE EXCEPTION 'timeline refused'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_saboteur_stats BEFORE INSERT ON complaint_timeline FOR EACH ROW EXECUTE FUNCTION refuse_saboteur_stats()`);
    try {
      const saboteur = { ...admin, id: id(), username: 'saboteur' };
      const u = unitOf('HO-BIZ');
      const body = await failure(COMPLAINT_PATTERNS.create, {
        actor: saboteur,
        data: { channel: 'counter', businessCategory: 'loan', cause: 'fees', orgUnitId: u.id, customerName: '赵六', customerPhone: '13800002222', description: '一次失败的受理。' },
      });
      expect(body.statusCode).toBe(500);
    } finally {
      await db.query(`DROP TRIGGER refuse_saboteur_stats ON complaint_timeline; DROP FUNCTION refuse_saboteur_stats()`);
    }
    expect(await stats()).toEqual(before);
  });

  it('keeps a handler inside its subtree and a subtree inside the caller’s scope', async () => {
    const inBranch1 = facts.filter((f) => ['BR-1', 'SB-1'].includes(f.unit) && f.receivedAt.getUTCFullYear() === 2025 && f.receivedAt.getUTCMonth() >= 6).length;
    const mine = await analyse(handler1, { from: '2025-07-01', to: '2025-09-30' });
    expect(mine.total).toBe(inBranch1);
    expect(mine.scope).toEqual({ orgPath: path.branch1, orgUnitId: BRANCH1, orgUnitName: '资阳分行' });
    expect(mine.byOrgUnit!.map((l) => l.code)).toEqual(['BR-1', 'SB-1']);
    // Asking for a wider unit gives 403, not the bank's numbers.
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: handler1, data: { from: '2025-07-01', to: '2025-09-30', orgUnitId: HEAD } })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: handler1, data: { from: '2025-07-01', to: '2025-09-30', orgUnitId: BRANCH2 } })).toMatchObject({ statusCode: 403 });
    // A path in the message means nothing: the unit's path comes from the directory replica.
    const branch2 = await analyse(admin, { from: '2025-07-01', to: '2025-09-30', orgUnitId: BRANCH2, orgPath: path.branch1 } as ComplaintAnalysisCommand);
    expect(branch2.scope).toEqual({ orgPath: path.branch2, orgUnitId: BRANCH2, orgUnitName: '绵阳分行' });
    const sub = await analyse(handler1, { from: '2025-07-01', to: '2025-09-30', orgUnitId: SUB1 });
    expect(sub.total).toBe(facts.filter((f) => f.unit === 'SB-1' && f.receivedAt.getUTCFullYear() === 2025 && f.receivedAt.getUTCMonth() >= 6).length);
    expect((await analyse(admin, { from: '2025-07-01', to: '2025-09-30', orgUnitId: SUB1 })).total).toBe(sub.total);
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: admin, data: { from: '2025-07-01', to: '2025-09-30', orgUnitId: id() } })).toMatchObject({ statusCode: 404 });
    expect((await analyse(auditor, { from: '2025-07-01', to: '2025-09-30' })).total).toBe(24);
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: trainer, data: { from: '2025-07-01', to: '2025-09-30' } })).toMatchObject({ statusCode: 403 });
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { data: { from: '2025-07-01', to: '2025-09-30' } } as RpcEnvelope)).toMatchObject({ statusCode: 401 });
  });

  it('validates the period and groupBy with a 400 naming each field', async () => {
    const fields = async (data: unknown) => ((await failure(COMPLAINT_ANALYSIS_PATTERNS.run, { actor: admin, data })).details ?? []).map((d) => d.field).sort();
    expect(await fields({ from: '2025-13-01', to: 'soon' })).toEqual(['from', 'to']);
    expect(await fields({ from: '2025-02-30', to: '2025-03-01' })).toEqual(['from']);
    expect(await fields({ from: '2025-07-01T00:00:00Z', to: '2025-09-30' })).toEqual(['from']);
    expect(await fields({ from: '2025-09-30', to: '2025-07-01' })).toEqual(['to']);
    expect(await fields({ from: '2020-01-01', to: '2025-01-01' })).toEqual(['to']);
    expect(await fields({ from: '2025-07-01', to: '2025-09-30', groupBy: ['channel', 'colour'] })).toEqual(['groupBy']);
    expect(await fields({ from: '2025-07-01', to: '2025-09-30', orgUnitId: 'nope' })).toEqual(['orgUnitId']);
    // Exactly five years is allowed; the answer keeps only the asked breakdowns.
    const five = await analyse(admin, { from: '2020-01-01', to: '2024-12-31', groupBy: ['channel'] });
    expect(five.period.days).toBe(1827);
    expect(five.byChannel).toBeDefined();
    expect(five.byOrgUnit).toBeUndefined();
    // A comma list works as over HTTP.
    expect((await analyse(admin, { from: '2025-07-01', to: '2025-09-30', groupBy: 'severity,status' as unknown as ComplaintAnalysisCommand['groupBy'] })).groupBy).toEqual(['severity', 'status']);
  });

  it('builds the quarterly report as an Excel workbook and a printable page', async () => {
    const xlsx = await send<ReportFile>(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport, { actor: admin, data: { year: 2025, quarter: 3, format: 'xlsx' } satisfies QuarterlyReportCommand });
    expect(xlsx.filename).toBe('全行客户投诉情况通报-2025年第3季度.xlsx');
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('汇总')!;
    const totalRow = (summary.getSheetValues() as unknown[][]).find((r) => r?.[1] === '投诉总量（起）');
    expect(totalRow?.[2]).toBe(24);

    const html = await send<ReportFile>(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport, { actor: handler1, data: { year: 2025, quarter: 3, format: 'html' } });
    expect(html.contentType).toBe('text/html; charset=utf-8');
    const page = Buffer.from(html.base64, 'base64').toString('utf8');
    expect(html.filename).toBe('资阳分行客户投诉情况通报-2025年第3季度.html');
    expect(page).toContain('资阳分行2025年第3季度客户投诉情况通报');
    const inBranch1 = facts.filter((f) => ['BR-1', 'SB-1'].includes(f.unit) && f.receivedAt.getUTCFullYear() === 2025 && f.receivedAt.getUTCMonth() >= 6).length;
    expect(page).toContain(`本季度共受理投诉${inBranch1}起`);

    const bad = await failure(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport, { actor: admin, data: { year: 1999, quarter: 5, format: 'pdf' } });
    expect(bad.details?.map((d) => d.field).sort()).toEqual(['format', 'quarter', 'year']);
    expect(await failure(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport, { actor: trainer, data: { year: 2025, quarter: 3 } })).toMatchObject({ statusCode: 403 });
  });
  it('rolls a moved unit’s complaints up under its new parent (one event, paths rewritten in the roll-up too)', async () => {
    const mv = id();
    const mvPath = `${path.branch1}${mv}/`;
    await seedDirectory(db, { units: [{ path: mvPath, code: 'SB-MV', name: '迁移支行', type: 'sub_branch' }] });
    const year = { from: '2023-01-01', to: '2023-12-31' };
    for (const day of [3, 40, 90]) {
      await send<ComplaintView>(COMPLAINT_PATTERNS.create, {
        actor: admin,
        data: { channel: 'counter', businessCategory: 'loan', cause: 'fees', orgUnitId: mv, receivedAt: new Date(Date.UTC(2023, 0, day, 3)).toISOString(), customerName: '钱七', customerPhone: `137${String(day).padStart(8, '0')}`, description: '迁移前受理。' },
      });
    }
    await db.query(`SELECT complaint_stats_compact(1000000)`);
    const unitTotal = async (root: string) => (await analyse(admin, { ...year, orgUnitId: root })).byOrgUnit!.find((l) => l.code === 'SB-MV')?.total;
    expect(await unitTotal(BRANCH1)).toBe(3);
    expect(await unitTotal(BRANCH2)).toBeUndefined();

    const jet = await connectJetStream(harness.nats.url, 'analysis-move-test');
    try {
      const moved = {
        id: id(),
        name: 'org.unit.moved',
        occurredAt: new Date().toISOString(),
        actor: null,
        aggregateType: 'org-unit',
        aggregateId: mv,
        payload: { id: mv, code: 'SB-MV', name: '迁移支行', type: 'sub_branch', parentId: BRANCH2, path: `${path.branch2}${mv}/`, depth: 2, version: 99, oldParentId: BRANCH1, oldPath: mvPath },
      };
      await jet.js.publish(`events.${moved.name}`, JSON.stringify(moved), { msgID: moved.id });
      await waitFor(async () => (await unitTotal(BRANCH2)) === 3, { what: 'the moved unit under branch 2 in the analysis' });
    } finally {
      await jet.nc.close();
    }
    expect(await unitTotal(BRANCH1)).toBeUndefined();
    const branch2 = await analyse(admin, { ...year, orgUnitId: BRANCH2 });
    expect(branch2.byOrgUnit!.find((l) => l.code === 'BR-2')!.total).toBeGreaterThanOrEqual(3);
    // The incremental roll-up still equals a rebuild from the (rewritten) complaint rows.
    const incremental = await stats();
    await db.query(`SELECT complaint_stats_rebuild()`);
    expect(await stats()).toEqual(incremental);
  });
});
