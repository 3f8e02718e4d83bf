/**
 * The campaigns service over NATS on a private nats-server and a fresh database (the kit's
 * harness): a seed year shaped like ICBC Chongqing's, the activity workflow and its scope
 * rules, year on year across a renamed campaign, the all-or-nothing import and the summary.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { healthPattern, type Actor, type ErrorBody, type RpcEnvelope, type ServiceHealth } from '@xb/contracts';
import {
  CAMPAIGNS_EVENTS,
  CAMPAIGNS_PATTERNS,
  type ActivityView,
  type CampaignReportFile,
  type CampaignsSummaryView,
  type CampaignTotalsView,
  type CampaignView,
  type ImportActivitiesResult,
  type MetricValues,
} from '@xb/contracts/campaigns';
import { waitFor } from '@xb/test-kit';
import { startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import ExcelJS from 'exceljs';
import { firstValueFrom, timeout } from 'rxjs';
import type { DirectoryPathChange } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';
import { rewriteCampaignOrgPaths } from '../src/database/org-path-rewrite.js';
import { activitiesXlsx, SEED_YEAR_FIGURES, seedActivities, seedOutlets, type SeedActivityRow } from '../src/seed/seed-year.js';

const HEAD = randomUUID();
const BRANCH = randomUUID();
const SUBS = Array.from({ length: 10 }, () => randomUUID());
const outlets = seedOutlets();
const outletIds = outlets.map(() => randomUUID());
const path = { head: `/${HEAD}/`, branch: `/${HEAD}/${BRANCH}/` };
const subPath = (i: number) => `${path.branch}${SUBS[i]}/`;
const outletPath = (i: number) => `${subPath(outlets[i].subBranch)}${outletIds[i]}/`;

const actor = (username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({ id: randomUUID(), username, roles, orgUnitId, orgPath, atHeadOffice: orgUnitId === HEAD });
const hqAdmin = actor('hqadmin', ['admin'], HEAD, path.head);
const auditor = actor('auditor', ['auditor'], HEAD, path.head);
const branchAdmin = actor('cqadmin', ['admin'], BRANCH, path.branch);
const sub0Admin = actor('sub0admin', ['admin'], SUBS[0], subPath(0));
const sub5Admin = actor('sub5admin', ['admin'], SUBS[5], subPath(5));
const outlet0Staff = actor('s00001', ['staff'], outletIds[0], outletPath(0));
const outlet0Admin = actor('ot1admin', ['admin'], outletIds[0], outletPath(0));

describe('campaigns service over NATS (real PostgreSQL + JetStream)', () => {
  let harness: ServiceHarness;
  let staffIds: Map<string, string>;

  beforeAll(async () => {
    harness = await startServiceHarness('campaigns', { load: () => import('../src/service.js') });
    // The directory replica as the gateway's snapshot would fill it: 1 branch, 10 sub-branches, 300 outlets, 4,873 staff.
    const units = [
      { id: HEAD, code: 'HO', name: '总行', type: 'head_office', parent: null, path: path.head, depth: 0 },
      { id: BRANCH, code: 'BR-CQ', name: '重庆分行', type: 'branch', parent: HEAD, path: path.branch, depth: 1 },
      ...SUBS.map((id, i) => ({ id, code: `SB-CQ-${i + 1}`, name: `第${i + 1}支行`, type: 'sub_branch', parent: BRANCH, path: subPath(i), depth: 2 })),
      ...outlets.map((o, i) => ({ id: outletIds[i], code: o.code, name: `网点${i + 1}`, type: 'outlet', parent: SUBS[o.subBranch], path: outletPath(i), depth: 3 })),
    ];
    await harness.db.query(
      `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version)
       SELECT u.id, u.code, u.name, u.type, u.parent, u.path, u.depth, 1 FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, code text, name text, type text, parent uuid, path text, depth int)`,
      [JSON.stringify(units)],
    );
    const users = outlets.flatMap((o, i) => o.staff.map((username) => ({ id: username === 's00001' ? outlet0Staff.id : randomUUID(), username, unit: outletIds[i], roles: ['staff'] })));
    await harness.db.query(
      `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version)
       SELECT u.id, u.username, u.username, u.unit, ARRAY(SELECT jsonb_array_elements_text(u.roles)), true, 1 FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, username text, unit uuid, roles jsonb)`,
      [JSON.stringify(users)],
    );
    staffIds = new Map(users.map((u) => [u.username, u.id]));
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  const send = <T>(pattern: string, envelope: RpcEnvelope<unknown>, ms = 10_000): Promise<T> => firstValueFrom(harness.client.send<T>(pattern, envelope).pipe(timeout(ms)));
  const failure = async (pattern: string, envelope: RpcEnvelope<unknown>): Promise<ErrorBody> => {
    try {
      await send(pattern, envelope);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const count = async (sql: string) => Number((await harness.db.query(sql)).rows[0].n);
  const createCampaign = (a: Actor, data: Record<string, unknown>) =>
    send<CampaignView>(CAMPAIGNS_PATTERNS.campaignCreate, { actor: a, data: { orgUnitId: BRANCH, topics: ['防范电信网络诈骗'], ...data } });
  const importRows = async (a: Actor, campaignId: string, rows: SeedActivityRow[], extra: Record<string, unknown> = {}) =>
    send<ImportActivitiesResult>(CAMPAIGNS_PATTERNS.activityImport, { actor: a, data: { campaignId, file: (await activitiesXlsx(rows)).toString('base64'), ...extra } }, 60_000);
  const totals = (a: Actor, id: string, groupBy = 'unit', orgUnitId?: string) => send<CampaignTotalsView>(CAMPAIGNS_PATTERNS.totals, { actor: a, data: { id, groupBy, orgUnitId } });

  /** The seed year's figures computed here from the rows, independently of the service's SQL. */
  const expected = (rows: SeedActivityRow[]): Partial<MetricValues> => ({
    sessions: rows.reduce((s, r) => s + r.sessions, 0),
    peopleReached: rows.reduce((s, r) => s + r.peopleReached, 0),
    materials: rows.reduce((s, r) => s + r.materials, 0),
    staffPersonTimes: rows.reduce((s, r) => s + r.staff.length, 0),
    distinctStaff: new Set(rows.flatMap((r) => r.staff)).size,
    outlets: new Set(rows.map((r) => r.unitCode)).size,
    eposterOutlets: new Set(rows.filter((r) => r.eposters).map((r) => r.unitCode)).size,
    activities: rows.length,
  });

  let seedCampaign: CampaignView;
  let lastYear: CampaignView;
  const seedRows = seedActivities(outlets, 2026);

  it('answers its health check with the database and NATS up', async () => {
    const health = await send<ServiceHealth>(healthPattern('campaigns'), { actor: hqAdmin, data: {} });
    expect(health).toMatchObject({ service: 'campaigns', status: 'up', components: { database: { status: 'up' } } });
  });

  it('sets up campaigns with a series key and targets; only admins in scope, 400 naming the field, a series once a year per unit', async () => {
    lastYear = await createCampaign(branchAdmin, { seriesKey: 'consumer_rights_day', year: 2025, name: '3·15 金融消费者权益日', startDate: '2025-03-01', endDate: '2025-03-31' });
    seedCampaign = await createCampaign(branchAdmin, {
      seriesKey: 'consumer_rights_day',
      year: 2026,
      name: '3·15 金融消费者权益保护教育宣传周',
      theme: '权利·责任·风险',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      targets: [
        { metric: 'sessions', value: 2000 },
        { metric: 'peopleReached', value: 600_000 },
        { orgUnitId: SUBS[0], metric: 'sessions', value: 400 },
      ],
    });
    expect(seedCampaign).toMatchObject({ seriesKey: 'consumer_rights_day', year: 2026, orgPath: path.branch, status: 'open', availableActions: ['edit', 'close'] });
    expect(seedCampaign.targets).toHaveLength(3);
    const before = await count(`SELECT count(*) AS n FROM campaign`);
    expect(await failure(CAMPAIGNS_PATTERNS.campaignCreate, { actor: branchAdmin, data: { seriesKey: 'Bad Key', year: 2026, name: 'x', startDate: '2026-01-01', endDate: '2026-01-02', orgUnitId: BRANCH } })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'seriesKey' })],
    });
    expect(await failure(CAMPAIGNS_PATTERNS.campaignCreate, { actor: sub0Admin, data: { seriesKey: 'anti_fraud', year: 2026, name: 'x', startDate: '2026-01-01', endDate: '2026-01-02', orgUnitId: BRANCH } })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'orgUnitId' })],
    });
    expect(await failure(CAMPAIGNS_PATTERNS.campaignCreate, { actor: outlet0Staff, data: { seriesKey: 'anti_fraud', year: 2026, name: 'x', startDate: '2026-01-01', endDate: '2026-01-02', orgUnitId: outletIds[0] } })).toMatchObject({ statusCode: 403 });
    expect(await failure(CAMPAIGNS_PATTERNS.campaignCreate, { actor: branchAdmin, data: { seriesKey: 'consumer_rights_day', year: 2026, name: 'again', startDate: '2026-03-01', endDate: '2026-03-02', orgUnitId: BRANCH } })).toMatchObject({ statusCode: 409 });
    expect(await count(`SELECT count(*) AS n FROM campaign`)).toBe(before);
  });

  it('an import with one bad row creates nothing and names the row and field', async () => {
    const rows = seedRows.slice(0, 20).map((r) => ({ ...r }));
    rows[6] = { ...rows[6], peopleReached: -5 };
    rows[11] = { ...rows[11], date: '2026-04-02' };
    const err = await failure(CAMPAIGNS_PATTERNS.activityImport, { actor: branchAdmin, data: { campaignId: seedCampaign.id, file: (await activitiesXlsx(rows)).toString('base64'), verify: true } });
    expect(err.statusCode).toBe(422);
    // Row 1 is the header: the 7th data row is file row 8.
    expect(err.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'row 8: peopleReached', message: expect.stringContaining('row 8') }),
        expect.objectContaining({ field: 'row 13: date', message: expect.stringContaining('campaign period') }),
      ]),
    );
    expect(await count(`SELECT count(*) AS n FROM campaign_activity`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = 'events.${CAMPAIGNS_EVENTS.activityVerified}'`)).toBe(0);
  });

  it('the ICBC Chongqing seed year: totals give exactly 300 outlets, 2,181 sessions, 4,873 staff, 130,050 leaflets, e-posters at 299 outlets, ~660,000 people', async () => {
    expect(await importRows(branchAdmin, seedCampaign.id, seedRows, { verify: true })).toEqual({ created: 2100, dryRun: false });
    const t = await totals(auditor, seedCampaign.id);
    expect(t.overall).toMatchObject({ ...SEED_YEAR_FIGURES, ...expected(seedRows) });
    expect(t.root).toMatchObject({ orgUnitId: BRANCH, name: '重庆分行' });
    // Rolled up the tree: the branch row equals the overall, the sub-branches add up to it.
    const branchRow = t.groups.find((g) => g.key === BRANCH)!;
    expect(branchRow.values).toEqual(t.overall);
    const subs = t.groups.filter((g) => g.depth === 1);
    expect(subs).toHaveLength(10);
    expect(subs.reduce((s, g) => s + g.values.sessions, 0)).toBe(2181);
    expect(subs.reduce((s, g) => s + g.values.outlets, 0)).toBe(300);
    const sub0 = subs.find((g) => g.key === SUBS[0])!;
    expect(sub0.values).toMatchObject(expected(seedRows.filter((r) => outlets.findIndex((o) => o.code === r.unitCode) < 30)));
    // Against the targets.
    expect(t.progress).toEqual(
      expect.arrayContaining([
        { metric: 'sessions', target: 2000, actual: 2181, percent: 109.1 },
        { metric: 'peopleReached', target: 600_000, actual: 659_868, percent: 110 },
      ]),
    );
    expect(sub0.progress).toEqual([{ metric: 'sessions', target: 400, actual: sub0.values.sessions, percent: Math.round((sub0.values.sessions / 400) * 1000) / 10 }]);
    // By venue and audience: each activity in its venue; in every target group it names.
    const venues = await totals(auditor, seedCampaign.id, 'venueType');
    expect(venues.groups.reduce((s, g) => s + g.values.sessions, 0)).toBe(2181);
    expect(venues.groups.find((g) => g.key === 'community')).toMatchObject({ label: '进社区', values: expect.objectContaining(expected(seedRows.filter((r) => r.venueType === 'community'))) });
    const groups = await totals(auditor, seedCampaign.id, 'targetGroup');
    expect(groups.groups.find((g) => g.key === 'elderly')!.values.activities).toBe(seedRows.filter((r) => r.targetGroups.includes('elderly')).length);
    const weeks = await totals(auditor, seedCampaign.id, 'week');
    expect(weeks.groups.map((g) => g.key)).toEqual([...weeks.groups.map((g) => g.key)].sort());
    expect(weeks.groups.reduce((s, g) => s + g.values.activities, 0)).toBe(2100);
    // An outlet's member of staff sees its own outlet's totals only.
    expect((await totals(outlet0Staff, seedCampaign.id)).overall).toMatchObject(expected(seedRows.filter((r) => r.unitCode === outlets[0].code)));
  });

  it('the xlsx and HTML summaries give exactly the seed year’s figures', async () => {
    const sentence = '重庆分行共300个网点参与，集中宣教2181次，累计4873名员工参与，发放宣传资料130050份，299个网点播放电子海报，受教育人数约66万人';
    const html = await send<CampaignReportFile>(CAMPAIGNS_PATTERNS.report, { actor: auditor, data: { id: seedCampaign.id, format: 'html' } });
    const text = Buffer.from(html.body, 'base64').toString('utf8');
    expect(text).toContain(sentence);
    expect(text).toContain('<svg');
    expect(text).toContain('对比：3·15 金融消费者权益日（2025）');
    const xlsx = await send<CampaignReportFile>(CAMPAIGNS_PATTERNS.report, { actor: auditor, data: { id: seedCampaign.id, format: 'xlsx' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.body, 'base64') as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('总结')!;
    expect(summary.getRow(2).getCell(1).value).toBe(sentence);
    const head = (summary.getRow(4).values as unknown[]).slice(1);
    const row = (summary.getRow(5).values as unknown[]).slice(1);
    const cell = (label: string) => row[head.indexOf(label)];
    expect([cell('参与网点'), cell('宣教场次'), cell('参与员工（人）'), cell('发放资料（份）'), cell('电子海报网点'), cell('受众人数')]).toEqual([300, 2181, 4873, 130_050, 299, 659_868]);
    expect(wb.getWorksheet('按机构')!.rowCount).toBe(1 + 1 + 10 + 300);
  });

  it('an outlet reports only for itself; its branch verifies only its subtree; only verified activities count, and un-verifying removes exactly its counts', async () => {
    const fields = {
      campaignId: seedCampaign.id,
      date: '2026-03-15',
      venueType: 'community',
      targetGroups: ['elderly'],
      topics: ['防范电信网络诈骗'],
      sessions: 3,
      staffIds: [outlet0Staff.id, staffIds.get('s00002')!],
      materials: 500,
      peopleReached: 1200,
      onlineViews: 40,
      eposters: true,
    };
    expect(await failure(CAMPAIGNS_PATTERNS.activityCreate, { actor: outlet0Staff, data: { ...fields, orgUnitId: outletIds[1] } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'orgUnitId' })] });
    expect(await failure(CAMPAIGNS_PATTERNS.activityCreate, { actor: outlet0Staff, data: { ...fields, peopleReached: 1 } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'staffIds' })] });
    expect(await failure(CAMPAIGNS_PATTERNS.activityCreate, { actor: outlet0Staff, data: { ...fields, date: '2026-02-28' } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'date' })] });
    const before = (await totals(auditor, seedCampaign.id)).overall;

    let a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityCreate, { actor: outlet0Staff, data: fields });
    expect(a).toMatchObject({ status: 'draft', orgUnitId: outletIds[0], availableActions: ['edit', 'submit'] });
    a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Staff, data: { id: a.id, action: 'submit', version: a.version } });
    expect(a.status).toBe('submitted');
    expect((await totals(auditor, seedCampaign.id)).overall).toEqual(before);
    // Not by the outlet itself, not by another sub-branch (outside its scope: 404), not by an auditor.
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Admin, data: { id: a.id, action: 'verify', version: a.version } })).toMatchObject({ statusCode: 403 });
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: sub5Admin, data: { id: a.id, action: 'verify', version: a.version } })).toMatchObject({ statusCode: 404 });
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: auditor, data: { id: a.id, action: 'verify', version: a.version } })).toMatchObject({ statusCode: 403 });
    // The unit above sees it in its queue and verifies it.
    const queue = await send<{ items: ActivityView[] }>(CAMPAIGNS_PATTERNS.activityList, { actor: sub0Admin, data: { filter: { toVerify: true } } });
    expect(queue.items.map((x) => x.id)).toEqual([a.id]);
    expect(queue.items[0].availableActions).toEqual(['verify', 'return']);
    expect((await send<{ items: ActivityView[] }>(CAMPAIGNS_PATTERNS.activityList, { actor: sub5Admin, data: { filter: { toVerify: true } } })).items).toEqual([]);
    a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: a.id, action: 'verify', version: a.version } });
    expect(a).toMatchObject({ status: 'verified', verifiedBy: sub0Admin.id });
    const after = (await totals(auditor, seedCampaign.id)).overall;
    expect(after).toEqual({ ...before, activities: before.activities + 1, sessions: before.sessions + 3, peopleReached: before.peopleReached + 1200, materials: before.materials + 500, onlineViews: before.onlineViews + 40, staffPersonTimes: before.staffPersonTimes + 2 });
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = 'events.${CAMPAIGNS_EVENTS.activityVerified}' AND payload->>'aggregateId' = '${a.id}' AND published_at IS NOT NULL`)) === 1, { what: 'the verified event published' });

    // Un-verifying needs a reason and takes exactly its counts out of every total again.
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: a.id, action: 'unverify', version: a.version } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'reason' })] });
    a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: branchAdmin, data: { id: a.id, action: 'unverify', version: a.version, reason: '照片与活动不符' } });
    expect(a.status).toBe('submitted');
    expect((await totals(auditor, seedCampaign.id)).overall).toEqual(before);
    // Un-verifying one of the seed activities changes each total by exactly its counts.
    const [seeded] = (await harness.db.query(`SELECT id, version FROM campaign_activity WHERE org_unit_id = $1 AND eposters AND status = 'verified'`, [outletIds[299 - 1]])).rows as { id: string; version: number }[];
    await send(CAMPAIGNS_PATTERNS.activityAct, { actor: branchAdmin, data: { id: seeded.id, action: 'unverify', version: seeded.version, reason: '重复上报' } });
    const row = seedRows.find((r) => r.unitCode === outlets[298].code && r.eposters)!;
    const rest = seedRows.filter((r) => r !== row);
    expect((await totals(auditor, seedCampaign.id)).overall).toMatchObject(expected(rest));
    expect((await totals(auditor, seedCampaign.id)).overall.eposterOutlets).toBe(298);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = 'events.${CAMPAIGNS_EVENTS.activityUnverified}' AND published_at IS NOT NULL`)) === 2, { what: 'the unverified events published' });
    const [verifiedAgain] = (await harness.db.query(`SELECT version FROM campaign_activity WHERE id = $1`, [seeded.id])).rows as { version: number }[];
    await send(CAMPAIGNS_PATTERNS.activityAct, { actor: branchAdmin, data: { id: seeded.id, action: 'verify', version: verifiedAgain.version } });
    expect((await totals(auditor, seedCampaign.id)).overall).toMatchObject(SEED_YEAR_FIGURES);
  });

  it('returns an activity with a reason; the outlet edits and submits again; stale versions are 409', async () => {
    let a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityCreate, {
      actor: outlet0Staff,
      data: { campaignId: seedCampaign.id, date: '2026-03-20', venueType: 'school', targetGroups: ['students'], sessions: 1, staffIds: [outlet0Staff.id], materials: 10, peopleReached: 40, onlineViews: 0, eposters: false },
    });
    a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Staff, data: { id: a.id, action: 'submit', version: a.version } });
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: a.id, action: 'return', version: a.version } })).toMatchObject({ statusCode: 400 });
    a = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: a.id, action: 'return', version: a.version, reason: '请补充签到表' } });
    expect(a).toMatchObject({ status: 'returned', returnReason: '请补充签到表', availableActions: [] });
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Staff, data: { id: a.id, action: 'submit', version: a.version - 1 } })).toMatchObject({ statusCode: 409 });
    const edited = await send<ActivityView>(CAMPAIGNS_PATTERNS.activityUpdate, {
      actor: outlet0Staff,
      data: { id: a.id, version: a.version, date: '2026-03-20', venueType: 'school', targetGroups: ['students'], sessions: 1, staffIds: [outlet0Staff.id], materials: 12, peopleReached: 45, onlineViews: 0, eposters: false },
    });
    expect(edited).toMatchObject({ status: 'returned', materials: 12, availableActions: ['edit', 'submit'] });
    expect(await failure(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Staff, data: { id: a.id, action: 'verify', version: edited.version } })).toMatchObject({ statusCode: 403 });
  });

  it('year on year across a renamed campaign of the same series; "no comparison" where the previous year has none', async () => {
    const prevRows = seedActivities(outlets.slice(0, 30), 2025).slice(0, 100).map((r) => ({ ...r, onlineViews: 0 }));
    await importRows(branchAdmin, lastYear.id, prevRows, { verify: true });
    const t = await totals(hqAdmin, seedCampaign.id);
    expect(t.previousCampaign).toEqual({ id: lastYear.id, name: '3·15 金融消费者权益日', year: 2025 });
    const sessions = t.yearOnYear.find((y) => y.metric === 'sessions')!;
    const prevSessions = prevRows.reduce((s, r) => s + r.sessions, 0);
    expect(sessions).toEqual({ metric: 'sessions', current: 2181, previous: prevSessions, changePercent: Math.round(((2181 - prevSessions) / prevSessions) * 1000) / 10 });
    expect(t.yearOnYear.find((y) => y.metric === 'onlineViews')).toMatchObject({ previous: 0, changePercent: null });

    const month = await createCampaign(branchAdmin, { seriesKey: 'financial_literacy_month', year: 2026, name: '金融教育宣传月', startDate: '2026-09-01', endDate: '2026-09-30' });
    await importRows(branchAdmin, month.id, seedActivities(outlets.slice(0, 2), 2026, 9), { verify: true });
    const m = await totals(hqAdmin, month.id);
    expect(m.previousCampaign).toBeNull();
    expect(m.yearOnYear.every((y) => y.previous === null && y.changePercent === null)).toBe(true);
    expect(m.overall.sessions).toBeGreaterThan(0);

    const summary = await send<CampaignsSummaryView>(CAMPAIGNS_PATTERNS.summary, { actor: auditor, data: { year: 2026 } });
    expect(summary.campaigns.map((c) => c.seriesKey).sort()).toEqual(['consumer_rights_day', 'financial_literacy_month']);
    expect(summary.campaigns.find((c) => c.seriesKey === 'financial_literacy_month')!.previousCampaign).toBeNull();
    // Outlets and staff are counted once across the year's campaigns.
    expect(summary.overall.outlets).toBe(300);
    expect(summary.overall.sessions).toBe(2181 + m.overall.sessions);
  });

  it('a closed campaign takes no more reports and emits campaigns.campaign.closed', async () => {
    const c = await createCampaign(branchAdmin, { seriesKey: 'anti_fraud', year: 2026, name: '防范电信网络诈骗宣传', startDate: '2026-06-01', endDate: '2026-06-30' });
    const closed = await send<CampaignView>(CAMPAIGNS_PATTERNS.campaignClose, { actor: branchAdmin, data: { id: c.id, version: c.version } });
    expect(closed).toMatchObject({ status: 'closed', availableActions: [] });
    expect(
      await failure(CAMPAIGNS_PATTERNS.activityCreate, {
        actor: outlet0Staff,
        data: { campaignId: c.id, date: '2026-06-02', venueType: 'outlet', targetGroups: [], sessions: 1, staffIds: [], materials: 0, peopleReached: 5, onlineViews: 0, eposters: false },
      }),
    ).toMatchObject({ statusCode: 409 });
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM outbox_event WHERE subject = 'events.${CAMPAIGNS_EVENTS.campaignClosed}' AND published_at IS NOT NULL`)) === 1, { what: 'the closed event' });
  });

  it('the totals roll-ups, kept by triggers in every verifying transaction, equal a recount of the verified activities for every groupBy, also after a unit moves', async () => {
    // Churn first: un-verify and verify again a few seed activities in one statement each (the trigger's set-based path).
    await harness.db.query(`UPDATE campaign_activity SET status = 'submitted' WHERE id IN (SELECT id FROM campaign_activity WHERE campaign_id = $1 AND status = 'verified' ORDER BY id LIMIT 7)`, [seedCampaign.id]);
    /** The same figures straight from the activities (the way totals were read before the roll-ups). */
    const recount = async (key: string, from = '') => {
      const where = `WHERE a.campaign_id = $1 AND a.status = 'verified'`;
      const { rows } = await harness.db.query(
        `SELECT ${key} AS key, count(*)::int AS activities, sum(a.sessions)::int AS sessions, sum(a.people_reached)::int AS "peopleReached", sum(a.materials)::int AS materials,
                sum(a.online_views)::int AS "onlineViews", sum(cardinality(a.staff_ids))::int AS "staffPersonTimes",
                count(DISTINCT a.org_unit_id) FILTER (WHERE a.org_unit_type = 'outlet')::int AS outlets,
                count(DISTINCT a.org_unit_id) FILTER (WHERE a.org_unit_type = 'outlet' AND a.eposters)::int AS "eposterOutlets"
           FROM campaign_activity a ${from} ${where} GROUP BY 1`,
        [seedCampaign.id],
      );
      const staff = await harness.db.query(`SELECT ${key} AS key, count(DISTINCT s)::int AS n FROM campaign_activity a ${from}, unnest(a.staff_ids) s ${where} GROUP BY 1`, [seedCampaign.id]);
      const distinct = new Map((staff.rows as { key: string; n: number }[]).map((r) => [r.key, r.n]));
      return (rows as (MetricValues & { key: string })[]).map((r) => ({ ...r, distinctStaff: distinct.get(r.key) ?? 0 }));
    };
    const of = (t: CampaignTotalsView) => t.groups.filter((g) => g.values.activities > 0).map((g) => ({ key: g.key, ...g.values })).sort((a, b) => a.key.localeCompare(b.key));
    const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
    const check = async () => {
      expect(of(await totals(hqAdmin, seedCampaign.id, 'venueType'))).toEqual(byKey(await recount('a.venue_type')));
      expect(of(await totals(hqAdmin, seedCampaign.id, 'targetGroup'))).toEqual(byKey(await recount('g', ', unnest(a.target_groups) g')));
      expect(of(await totals(hqAdmin, seedCampaign.id, 'week'))).toEqual(byKey(await recount(`to_char(date_trunc('week', a.date), 'YYYY-MM-DD')`)));
      const unitRows = byKey(await recount('p', `, unnest(string_to_array(trim(both '/' from a.org_path), '/')) p`)).filter((r) => r.key !== HEAD);
      expect(of(await totals(hqAdmin, seedCampaign.id, 'unit'))).toEqual(unitRows);
    };
    await check();
    // Concurrent verifications and un-verifications touching the same roll-up rows (one outlet, one venue, one week) stay exact.
    const drafts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send<ActivityView>(CAMPAIGNS_PATTERNS.activityCreate, {
          actor: outlet0Staff,
          data: { campaignId: seedCampaign.id, date: '2026-03-24', venueType: 'rural', targetGroups: ['elderly'], sessions: 1, staffIds: [outlet0Staff.id], materials: i, peopleReached: 10 + i, onlineViews: 0, eposters: i % 2 === 0 },
        }),
      ),
    );
    const submitted = await Promise.all(drafts.map((d) => send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: outlet0Staff, data: { id: d.id, action: 'submit', version: d.version } })));
    const verified = await Promise.all(submitted.map((d) => send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: d.id, action: 'verify', version: d.version } })));
    await check();
    await Promise.all(verified.slice(0, 5).map((d) => send<ActivityView>(CAMPAIGNS_PATTERNS.activityAct, { actor: sub0Admin, data: { id: d.id, action: 'unverify', version: d.version, reason: '重复' } })));
    await check();
    expect(await count(`SELECT count(*) AS n FROM campaign_rollup WHERE activities <= 0`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM campaign_staff_rollup WHERE times <= 0`)).toBe(0);
    // Sub-branch 10 moves under sub-branch 1 (the directory replica rewrites every copy of the path in one transaction).
    const oldPath = subPath(9);
    const newPath = `${subPath(0)}${SUBS[9]}/`;
    await harness.db.query('BEGIN');
    await rewriteCampaignOrgPaths({ query: (sql: string, args: unknown[]) => harness.db.query(sql, args) } as unknown as EntityManager, { oldPath, newPath } as DirectoryPathChange);
    await harness.db.query(`UPDATE directory_org_unit SET path = $2 || substr(path, length($1) + 1), depth = depth + 1 WHERE path LIKE $1 || '%'`, [oldPath, newPath]);
    await harness.db.query('COMMIT');
    const moved = (await totals(hqAdmin, seedCampaign.id, 'unit', SUBS[0])).overall;
    expect(moved.outlets).toBeGreaterThan(55);
    expect(moved.outlets).toBe(await count(`SELECT count(DISTINCT org_unit_id) AS n FROM campaign_activity WHERE campaign_id = '${seedCampaign.id}' AND status = 'verified' AND org_path LIKE '${subPath(0)}%'`));
    await check();
  });
});
