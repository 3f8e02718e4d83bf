/**
 * The inspections service over NATS on a private nats-server and a fresh database (the kit's
 * harness, two instances): templates, the visit workflow, visibility for the outlet's staff,
 * rectifications with the overdue pass, and the analysis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { filePatterns, healthPattern, type Actor, type ErrorBody, type ListResult, type RpcEnvelope, type ServiceHealth } from '@xb/contracts';
import {
  INSPECTIONS_EVENTS,
  INSPECTIONS_PATTERNS as P,
  type InspectionAnalysis,
  type InspectionView,
  type OverdueRunResult,
  type PlanResult,
  type RectificationView,
  type TemplateView,
} from '@xb/contracts/inspections';
import { waitFor } from '@xb/test-kit';
import { seedDirectory, startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';
import { addDays, bankDay, quarterBounds, quarterOf } from '../src/common/dates.js';
import { DEFAULT_TEMPLATE } from '../src/scoring/default-template.js';
import type { AnswerValue } from '../src/scoring/scoring.js';

const HEAD = randomUUID();
const CPO = randomUUID();
const BRANCH = randomUUID();
const OUTLET = randomUUID();
const OUTLET2 = randomUUID();
const OTHER_BRANCH = randomUUID();
const path = {
  head: `/${HEAD}/`,
  cpo: `/${HEAD}/${CPO}/`,
  branch: `/${HEAD}/${BRANCH}/`,
  outlet: `/${HEAD}/${BRANCH}/${OUTLET}/`,
  outlet2: `/${HEAD}/${BRANCH}/${OUTLET2}/`,
  other: `/${HEAD}/${OTHER_BRANCH}/`,
};
const actor = (username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({ id: randomUUID(), username, roles, orgUnitId, orgPath });
const admin = actor('admin', ['admin'], CPO, path.cpo);
const inspector = actor('inspector', ['inspector', 'staff'], CPO, path.cpo);
const outletHandler = actor('handler.outlet', ['handler', 'staff'], OUTLET, path.outlet);
const otherHandler = actor('handler.other', ['handler', 'staff'], OTHER_BRANCH, path.other);
const auditor = actor('auditor', ['auditor'], HEAD, path.head);

/** Every item of the default template passed, except the given answers (failed photo items get a file). */
function answers(overrides: Record<string, AnswerValue> = {}) {
  return DEFAULT_TEMPLATE.items.map((i) => {
    const value = overrides[i.key] ?? (i.answerType === 'scale' ? (i.scaleMax as number) : 'pass');
    return { itemKey: i.key, value, ...(value === 'fail' && i.photoOnFail ? { fileIds: [randomUUID()] } : {}) };
  });
}

describe('inspections service over NATS (real PostgreSQL + JetStream, two instances)', () => {
  let harness: ServiceHarness;
  let template: TemplateView;

  beforeAll(async () => {
    harness = await startServiceHarness('inspections', { load: () => import('../src/service.js'), instances: 2, env: { OVERDUE_INTERVAL_MS: '0' } });
    await seedDirectory(harness.db, {
      units: [
        { path: path.head, name: '总行', type: 'head_office' },
        { path: path.cpo, name: '消保办', type: 'department' },
        { path: path.branch, name: '资阳分行', type: 'branch' },
        { path: path.outlet, name: '安居支行营业部', type: 'outlet' },
        { path: path.outlet2, name: '安居镇网点', type: 'outlet' },
        { path: path.other, name: '绵阳分行', type: 'branch' },
      ],
      users: [admin, inspector, outletHandler, otherHandler, auditor].map((a) => ({ id: a.id, username: a.username, roles: a.roles, orgUnitId: a.orgUnitId })),
    });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  const send = <T>(pattern: string, a: Actor, data: unknown): Promise<T> => firstValueFrom(harness.client.send<T>(pattern, { actor: a, data } satisfies RpcEnvelope).pipe(timeout(10_000)));
  const failure = async (pattern: string, a: Actor, data: unknown): Promise<ErrorBody> => {
    try {
      await send(pattern, a, data);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await harness.db.query(sql, params)).rows[0].n);
  const plan = (outletId = OUTLET) => send<InspectionView>(P.create, inspector, { outletId, templateId: template.id, scenario: '理财咨询', plannedDate: bankDay() });
  const submit = (id: string, overrides: Record<string, AnswerValue> = {}, key = randomUUID()) =>
    send<InspectionView>(P.submit, inspector, { id, idempotencyKey: key, visitDate: bankDay(), answers: answers(overrides) });

  it('answers its health check with the database and NATS up', async () => {
    const health = await send<ServiceHealth>(healthPattern('inspections'), admin, {});
    expect(health).toMatchObject({ service: 'inspections', status: 'up', components: { database: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('templates: 400 naming the bad field, admin only, published versions frozen', async () => {
    const bad = { ...DEFAULT_TEMPLATE, items: [{ ...DEFAULT_TEMPLATE.items[0], dimensionKey: 'nowhere' }] };
    expect(await failure(P.templateCreate, admin, bad)).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'items[0].dimensionKey' })] });
    expect(await failure(P.templateCreate, inspector, DEFAULT_TEMPLATE)).toMatchObject({ statusCode: 403 });
    const draft = await send<TemplateView>(P.templateCreate, admin, DEFAULT_TEMPLATE);
    expect(draft).toMatchObject({ version: 1, status: 'draft', availableActions: ['edit', 'publish'] });
    expect(draft.maximum.items).toBeGreaterThan(0);
    expect(await failure(P.templateCreate, admin, DEFAULT_TEMPLATE)).toMatchObject({ statusCode: 409 });
    template = await send<TemplateView>(P.templatePublish, admin, { id: draft.id });
    expect(template).toMatchObject({ status: 'published', availableActions: [] });
    expect(await failure(P.templateUpdate, admin, { id: template.id, ...DEFAULT_TEMPLATE, name: 'changed' })).toMatchObject({ statusCode: 409 });
    // A visit cannot use a draft.
    const v2 = await send<TemplateView>(P.templateCreate, admin, { ...DEFAULT_TEMPLATE, passMark: 90 });
    expect(v2.version).toBe(2);
    expect(await failure(P.create, inspector, { outletId: OUTLET, templateId: v2.id, scenario: '开卡', plannedDate: bankDay() })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'templateId' })],
    });
  });

  it('plans visits only at outlets in scope', async () => {
    expect(await failure(P.create, inspector, { outletId: BRANCH, templateId: template.id, scenario: '开卡', plannedDate: bankDay() })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'outletId' })],
    });
    expect(await failure(P.create, outletHandler, { outletId: OUTLET, templateId: template.id, scenario: '开卡', plannedDate: bankDay() })).toMatchObject({ statusCode: 403 });
    const v = await plan();
    expect(v).toMatchObject({ status: 'planned', inspectorId: inspector.id, outletName: '安居支行营业部', availableActions: expect.arrayContaining(['start', 'submit']) });
  });

  it('refuses an incomplete submit or a failed photo item without a photo, writing nothing', async () => {
    const v = await plan();
    const partial = answers().slice(1);
    expect(await failure(P.submit, inspector, { id: v.id, idempotencyKey: randomUUID(), visitDate: bankDay(), answers: partial })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'answers' })],
    });
    const noPhoto = answers().map((a) => (a.itemKey === 'environment.complaint-hotline' ? { itemKey: a.itemKey, value: 'fail' } : a));
    expect(await failure(P.submit, inspector, { id: v.id, idempotencyKey: randomUUID(), visitDate: bankDay(), answers: noPhoto })).toMatchObject({ statusCode: 400 });
    expect((await send<InspectionView>(P.get, inspector, { id: v.id })).status).toBe('planned');
  });

  it('a retried submit with the same key answers the same visit; a logged visit retried is one visit', async () => {
    const v = await plan();
    const key = randomUUID();
    const first = await submit(v.id, {}, key);
    const again = await submit(v.id, {}, key);
    expect(again).toEqual(first);
    expect(first.status).toBe('submitted');
    expect(await failure(P.submit, inspector, { id: v.id, idempotencyKey: randomUUID(), visitDate: bankDay(), answers: answers() })).toMatchObject({ statusCode: 409 });
    const logKey = randomUUID();
    const body = { outletId: OUTLET2, templateId: template.id, scenario: '开卡', idempotencyKey: logKey, visitDate: bankDay(), answers: answers() };
    const [a, b] = await Promise.all([send<InspectionView>(P.submit, inspector, body), send<InspectionView>(P.submit, inspector, body)]);
    expect(a.id).toBe(b.id);
    expect(await count(`SELECT count(*) AS n FROM inspection WHERE idempotency_key = $1`, [logKey])).toBe(1);
    // The winner answers the row its single insert statement returned, the loser re-reads it: the same view.
    expect(await send<InspectionView>(P.get, inspector, { id: a.id })).toEqual(a);
    expect(b).toEqual(a);
    const answered = (a.score as { items: { state: string }[] }).items.filter((i) => i.state === 'answered').length;
    expect(await count(`SELECT count(*) AS n FROM inspection_item_score WHERE inspection_id = $1`, [a.id])).toBe(answered);
    expect(await count(`SELECT count(*) AS n FROM inspection_dimension_score WHERE inspection_id = $1`, [a.id])).toBe(6);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = $1 AND payload->>'aggregateId' = $2`, [`events.${INSPECTIONS_EVENTS.inspectionSubmitted}`, a.id])).toBe(1);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = $1 AND published_at IS NOT NULL`, [`events.${INSPECTIONS_EVENTS.inspectionSubmitted}`])) >= 2, {
      what: 'the submitted events published',
    });
  });

  let reviewed: InspectionView;
  it('the outlet’s staff never see an unreviewed visit or the inspector; the inspector may not review; admin accepts and rectifications open', async () => {
    const v = await plan();
    const submitted = await submit(v.id, { 'environment.complaint-hotline': 'fail' });
    expect(submitted).toMatchObject({ redLineFailed: true, passed: false });
    expect(await failure(P.get, outletHandler, { id: v.id })).toMatchObject({ statusCode: 404 });
    expect((await send<ListResult<InspectionView>>(P.list, outletHandler, { filter: { id: v.id } })).total).toBe(0);
    expect(await failure(P.review, inspector, { id: v.id, decision: 'accept' })).toMatchObject({ statusCode: 403 });
    expect(await failure(P.review, admin, { id: v.id, decision: 'return' })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'reason' })] });
    const returned = await send<InspectionView>(P.review, admin, { id: v.id, decision: 'return', reason: '照片不清晰' });
    expect(returned).toMatchObject({ status: 'returned', returnReason: '照片不清晰' });
    await submit(v.id, { 'environment.complaint-hotline': 'fail', 'appearance.uniform': 'fail' });
    // The second submit replaced the points of the first (one statement: upserts plus deletes of the rest).
    expect(await count(`SELECT count(*) AS n FROM inspection_item_score WHERE inspection_id = $1 AND failed`, [v.id])).toBe(2);
    reviewed = await send<InspectionView>(P.review, admin, { id: v.id, decision: 'accept', deadlines: { 'appearance.uniform': 'immediate' } });
    expect(reviewed.status).toBe('reviewed');
    expect(await failure(P.review, admin, { id: v.id, decision: 'accept' })).toMatchObject({ statusCode: 409 });

    const seen = await send<InspectionView>(P.get, outletHandler, { id: v.id });
    expect(seen).toMatchObject({ status: 'reviewed', inspectorId: null, inspectorName: null });
    expect(await failure(P.get, otherHandler, { id: v.id })).toMatchObject({ statusCode: 404 });

    const rects = await send<ListResult<RectificationView>>(P.rectificationList, outletHandler, { filter: { inspectionId: v.id }, sort: ['deadline', 'ASC'] });
    expect(rects.items.map((r) => [r.itemKey, r.deadline, r.immediate, r.ownerUnitId])).toEqual([
      ['appearance.uniform', bankDay(), true, OUTLET],
      ['environment.complaint-hotline', new Date(Date.parse(`${bankDay()}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10), false, OUTLET],
    ]);
    expect((await send<ListResult<RectificationView>>(P.rectificationList, otherHandler, { filter: { inspectionId: v.id } })).total).toBe(0);
  });

  it('answers file access for evidence: the outlet sees a visit’s photos only once reviewed; the cleanup learns what is attached', async () => {
    const photo = randomUUID();
    const v = await plan();
    const body = answers({ 'environment.price-list': 'fail' }).map((a) => (a.itemKey === 'environment.price-list' ? { ...a, fileIds: [photo] } : a));
    await send(P.submit, inspector, { id: v.id, idempotencyKey: randomUUID(), visitDate: bankDay(), answers: body });
    const files = filePatterns('inspections');
    expect(await send(files.access, inspector, { fileId: photo })).toEqual({ recordType: 'inspection', recordId: v.id });
    expect(await failure(files.access, outletHandler, { fileId: photo })).toMatchObject({ statusCode: 404 });
    await send(P.review, admin, { id: v.id, decision: 'accept' });
    expect(await send(files.access, outletHandler, { fileId: photo })).toEqual({ recordType: 'inspection', recordId: v.id });
    expect(await failure(files.access, otherHandler, { fileId: photo })).toMatchObject({ statusCode: 404 });
    const stray = randomUUID();
    expect(await send(files.attached, admin, { fileIds: [photo, stray] })).toEqual({ attached: [{ fileId: photo, recordType: 'inspection', recordId: v.id }] });
  });

  it('a rectification goes fix → rejected → fix → verified; wrong steps are 409, wrong roles 403', async () => {
    const [r] = (await send<ListResult<RectificationView>>(P.rectificationList, admin, { filter: { inspectionId: reviewed.id, status: 'open' }, sort: ['deadline', 'DESC'] })).items;
    expect(await failure(P.rectificationVerify, inspector, { id: r.id })).toMatchObject({ statusCode: 409 });
    expect(await failure(P.rectificationFix, inspector, { id: r.id, note: 'x' })).toMatchObject({ statusCode: 403 });
    expect(await failure(P.rectificationFix, outletHandler, { id: r.id, note: '' })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'note' })] });
    expect((await send<RectificationView>(P.rectificationFix, outletHandler, { id: r.id, note: '已张贴投诉电话', fileIds: [randomUUID()] })).status).toBe('fix_submitted');
    expect(await failure(P.rectificationVerify, outletHandler, { id: r.id })).toMatchObject({ statusCode: 403 });
    const rejected = await send<RectificationView>(P.rectificationReject, inspector, { id: r.id, reason: '位置不显著' });
    expect(rejected).toMatchObject({ status: 'open', rejectReason: '位置不显著', rejections: 1 });
    await send(P.rectificationFix, outletHandler, { id: r.id, note: '移至大厅入口' });
    const verified = await send<RectificationView>(P.rectificationVerify, inspector, { id: r.id });
    expect(verified).toMatchObject({ status: 'verified', availableActions: [] });
    expect(verified.verifiedAt).not.toBeNull();
  });

  it('a later failed visit of the same item reopens the verified fix and links the two', async () => {
    const [verified] = (await send<ListResult<RectificationView>>(P.rectificationList, admin, { filter: { inspectionId: reviewed.id, status: 'verified' } })).items;
    const again = await send<InspectionView>(P.reinspect, inspector, { id: reviewed.id });
    expect(again).toMatchObject({ kind: 'reinspection', reinspectionOf: reviewed.id, itemKeys: ['appearance.uniform'] });
    const v = await plan();
    await submit(v.id, { 'environment.complaint-hotline': 'fail' });
    await send(P.review, admin, { id: v.id, decision: 'accept' });
    const [reopened] = (await send<ListResult<RectificationView>>(P.rectificationList, admin, { filter: { inspectionId: v.id } })).items;
    expect(reopened.reopens).toBe(verified.id);
    expect((await send<RectificationView>(P.rectificationGet, admin, { id: verified.id })).reopenedBy).toBe(reopened.id);
  });

  it('an open rectification past its deadline is flagged overdue and escalated once, even with two passes racing', async () => {
    const [r] = (await send<ListResult<RectificationView>>(P.rectificationList, admin, { filter: { inspectionId: reviewed.id, status: 'open' } })).items;
    await harness.db.query(`UPDATE rectification SET deadline = current_date - 3 WHERE id = $1`, [r.id]);
    expect((await send<RectificationView>(P.rectificationGet, outletHandler, { id: r.id })).overdue).toBe(true);
    expect(await failure(P.overdueRun, inspector, {})).toMatchObject({ statusCode: 403 });
    const runs = await Promise.all([send<OverdueRunResult>(P.overdueRun, admin, {}), send<OverdueRunResult>(P.overdueRun, admin, {}), send<OverdueRunResult>(P.overdueRun, admin, {})]);
    expect(runs.reduce((n, x) => n + x.escalated, 0)).toBe(1);
    const after = await send<RectificationView>(P.rectificationGet, admin, { id: r.id });
    expect(after).toMatchObject({ overdue: true, escalatedToUnitId: BRANCH });
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = $1`, [`events.${INSPECTIONS_EVENTS.rectificationOverdue}`])).toBe(1);
    expect((await send<OverdueRunResult>(P.overdueRun, admin, {})).escalated).toBe(0);
  });

  it('the analysis rolls up as a ratio of totals by outlet, branch and quarter', async () => {
    const q = { from: `${bankDay().slice(0, 4)}-01-01`, to: bankDay() };
    const byOutlet = await send<InspectionAnalysis>(P.analysis, auditor, { ...q, groupBy: 'outlet' });
    expect(byOutlet.method).toBe('ratio-of-totals');
    const visits = (await harness.db.query(`SELECT outlet_id, points_achieved, points_possible FROM inspection WHERE status = 'reviewed' AND kind = 'routine'`)).rows as {
      outlet_id: string;
      points_achieved: number;
      points_possible: number;
    }[];
    const mine = visits.filter((v) => v.outlet_id === OUTLET);
    const ratio = (mine.reduce((s, v) => s + v.points_achieved, 0) / mine.reduce((s, v) => s + v.points_possible, 0)) * 100;
    const outlet = byOutlet.groups.find((g) => g.key === OUTLET)!;
    expect(outlet.visits).toBe(mine.length);
    expect(outlet.total).toBeCloseTo(ratio, 2);
    expect(outlet.redLineFailedVisits).toBe(3);
    expect(outlet.weakestItems[0].itemKey).toBe('environment.complaint-hotline');
    expect(outlet.rectifications).toMatchObject({ opened: 4, verified: 1 });
    const byBranch = await send<InspectionAnalysis>(P.analysis, auditor, { ...q, groupBy: 'branch' });
    expect(byBranch.groups.map((g) => [g.key, g.name])).toEqual([[BRANCH, '资阳分行']]);
    expect(byBranch.groups[0].visits).toBe(byOutlet.overall.visits);
    const byQuarter = await send<InspectionAnalysis>(P.analysis, auditor, { ...q, groupBy: 'quarter' });
    expect(byQuarter.groups.at(-1)).toMatchObject({ key: `${bankDay().slice(0, 4)}Q${Math.floor((Number(bankDay().slice(5, 7)) - 1) / 3) + 1}`, quarterOnQuarter: null });
    expect(await failure(P.analysis, auditor, { ...q, groupBy: 'city' })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'groupBy' })] });
    // Whole quarters are read from the roll-ups, other days from the visits: the same figures.
    const year = bankDay().slice(0, 4);
    const mixed = await send<InspectionAnalysis>(P.analysis, auditor, { from: `${year}-01-02`, to: bankDay(), groupBy: 'outlet' });
    expect(mixed.groups).toEqual(byOutlet.groups);
    // A period inside this quarter (every visit of the test is today's) reads nothing but the visits and their rectifications.
    // (On a quarter's first day there is no such period, and both read the roll-ups.)
    const first = quarterBounds(quarterOf(bankDay())).first;
    const raw = await send<InspectionAnalysis>(P.analysis, auditor, { from: bankDay() > first ? addDays(first, 1) : first, to: bankDay(), groupBy: 'outlet' });
    expect(raw.groups).toEqual(byOutlet.groups);
    expect(raw.overall).toEqual(byOutlet.overall);
    expect(await count(`SELECT sum(visits) AS n FROM inspection_rollup`)).toBe(visits.length);
    // The roll-ups count the rectifications too, verified ones included, as the visits do.
    expect(await count(`SELECT sum(rect_opened) AS n FROM inspection_rollup`)).toBe(
      await count(`SELECT count(*) AS n FROM rectification r JOIN inspection i ON i.id = r.inspection_id WHERE i.kind = 'routine'`),
    );
    expect(await count(`SELECT sum(rect_verified) AS n FROM inspection_rollup`)).toBe(
      await count(`SELECT count(*) AS n FROM rectification r JOIN inspection i ON i.id = r.inspection_id WHERE i.kind = 'routine' AND r.status = 'verified'`),
    );
  });

  it('the quarterly plan proposes visits up to N per outlet in scope', async () => {
    const proposal = await send<{ proposed: { outletId: string }[]; created: number }>(P.plan, admin, { quarter: '2027Q1', templateId: template.id, visitsPerOutlet: 2, inspectorId: inspector.id, dryRun: true });
    expect(proposal.proposed.length).toBe(4);
    expect(proposal.created).toBe(0);
    const made = await send<{ created: number }>(P.plan, admin, { quarter: '2027Q1', templateId: template.id, visitsPerOutlet: 2, inspectorId: inspector.id });
    expect(made.created).toBe(4);
    expect((await send<{ created: number }>(P.plan, admin, { quarter: '2027Q1', templateId: template.id, visitsPerOutlet: 2, inspectorId: inspector.id })).created).toBe(0);
    // One branch's outlets only; a unit outside the planner's scope (or unknown) is a 400 naming unitId.
    const branchOnly = await send<PlanResult>(P.plan, admin, { quarter: '2027Q2', templateId: template.id, visitsPerOutlet: 1, inspectorId: inspector.id, unitId: OUTLET, dryRun: true });
    expect(branchOnly).toMatchObject({ quarter: '2027Q2', unitId: OUTLET, visitsPerOutlet: 1, outlets: 1, alreadyPlanned: 0, created: 0 });
    expect(branchOnly.proposed.map((p) => p.outletId)).toEqual([OUTLET]);
    const again = await send<PlanResult>(P.plan, admin, { quarter: '2027Q1', templateId: template.id, visitsPerOutlet: 2, inspectorId: inspector.id, unitId: BRANCH, dryRun: true });
    expect(again).toMatchObject({ outlets: 2, alreadyPlanned: 4, proposed: [] });
    // The current quarter is planned from today on; a past quarter is refused.
    const now = await send<PlanResult>(P.plan, admin, { quarter: quarterOf(bankDay()), templateId: template.id, visitsPerOutlet: 12, inspectorId: inspector.id, dryRun: true });
    expect(now.proposed.length).toBeGreaterThan(0);
    expect(now.proposed.every((p) => p.plannedDate >= bankDay() && p.plannedDate <= quarterBounds(quarterOf(bankDay())).last)).toBe(true);
    expect(await failure(P.plan, admin, { quarter: '2020Q1', templateId: template.id, inspectorId: inspector.id })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'quarter' })],
    });
    expect(await failure(P.plan, admin, { quarter: '2027Q2', templateId: template.id, inspectorId: inspector.id, unitId: randomUUID() })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'unitId' })],
    });
  });
});
