/**
 * The policies service over NATS on a private nats-server and a fresh database (the kit's
 * harness), with a directory replica seeded as the gateway's snapshot would: the rules of
 * issue #10's "Done when" at the service (the gateway is not the only guard).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { filePatterns, healthPattern, type Actor, type ErrorBody, type RpcEnvelope, type ServiceHealth } from '@xb/contracts';
import { POLICIES_PATTERNS as P, type AckRates, type AcknowledgementTask, type IncidentView, type PolicyDiffView, type PolicyDocumentView, type PolicyVersionView, type PlanStructureDto } from '@xb/contracts/policies';
import { waitFor } from '@xb/test-kit';
import { seedDirectory, startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';

const u = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const HO = u(1);
const CPO = u(2);
const BR = u(3);
const OUT = u(4);
const BR2 = u(5);
const path = { ho: `/${HO}/`, cpo: `/${HO}/${CPO}/`, br: `/${HO}/${BR}/`, out: `/${HO}/${BR}/${OUT}/`, br2: `/${HO}/${BR2}/` };
const actor = (id: string, username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({ id, username, roles, orgUnitId, orgPath, atHeadOffice: orgUnitId === HO || orgUnitId === CPO });
const author = actor(u(101), 'author', ['admin'], CPO, path.cpo);
const admin2 = actor(u(102), 'admin2', ['admin'], CPO, path.cpo);
const auditor = actor(u(103), 'auditor', ['auditor'], HO, path.ho);
const staff = actor(u(104), 'staff', ['staff'], OUT, path.out);
const staff2 = actor(u(105), 'staff2', ['staff'], BR, path.br);
const outsider = actor(u(106), 'outsider', ['staff'], BR2, path.br2);

const plan = (steps: number): PlanStructureDto => ({
  businessType: 'information_system',
  scenario: '核心系统中断',
  levels: [
    { level: 1, name: 'I级', triggers: '全行中断' },
    { level: 3, name: 'III级', triggers: '网点中断' },
  ],
  team: [{ role: '组长', name: '王行长', contact: '13800000000' }],
  steps: Array.from({ length: steps }, (_, i) => ({ order: i + 1, title: `步骤${i + 1}`, ownerRole: '科技部', minutesAllowed: 30 * (i + 1), mandatory: i === 0 })),
  reporting: [
    { level: 3, to: '总行', withinMinutes: 240 },
    { level: 1, to: '总行', withinMinutes: 60 },
    { level: 1, to: '监管', withinMinutes: 1440 },
  ],
});

describe('policies service over NATS (real PostgreSQL + JetStream)', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startServiceHarness('policies', { load: () => import('../src/service.js') });
    await seedDirectory(harness.db, {
      units: [{ path: path.ho, type: 'head_office' }, { path: path.cpo, type: 'department' }, { path: path.out, type: 'outlet' }, { path: path.br2 }],
      users: [author, admin2, auditor, staff, staff2, outsider].map((a) => ({ id: a.id, username: a.username, roles: a.roles, orgUnitId: a.orgUnitId })),
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const send = <T>(pattern: string, a: Actor, data: unknown): Promise<T> => firstValueFrom(harness.client.send<T>(pattern, { actor: a, data } as RpcEnvelope).pipe(timeout(10000)));
  const failure = async (pattern: string, a: Actor, data: unknown): Promise<ErrorBody> => {
    try {
      await send(pattern, a, data);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await harness.db.query(sql, params)).rows as T[];

  let seq = 0;
  const newDocument = (extra: Record<string, unknown> = {}) =>
    send<PolicyDocumentView>(P.documentCreate, author, {
      code: `XB-ZD-${String(++seq).padStart(3, '0')}`,
      title: '客户投诉管理办法',
      kind: 'policy',
      ownerUnitId: CPO,
      reviewCycleMonths: 12,
      requiresAcknowledgement: true,
      audienceUnitIds: [BR],
      approvalRule: [
        { role: 'admin', count: 1, ownerDepartment: true },
        { role: 'auditor', count: 1 },
      ],
      ...extra,
    });
  /** A version taken through review and two sign-offs to approved. */
  const approvedVersion = async (documentId: string, content: string, material: boolean, extra: Record<string, unknown> = {}) => {
    const v = await send<PolicyVersionView>(P.versionCreate, author, { documentId, content, changeSummary: '修订', material, ...extra });
    await send(P.versionSubmit, author, { id: v.id });
    await send(P.versionReview, admin2, { id: v.id, verdict: 'approve', contentHash: v.contentHash });
    return send<PolicyVersionView>(P.versionReview, auditor, { id: v.id, verdict: 'approve', contentHash: v.contentHash, comment: '同意', article: '第二条' });
  };
  const published = async (documentId: string, content: string, material: boolean) => {
    const v = await approvedVersion(documentId, content, material);
    return send<PolicyVersionView>(P.versionPublish, author, { id: v.id });
  };

  it('answers its health check with the database and NATS up', async () => {
    const health = await send<ServiceHealth>(healthPattern('policies'), author, {});
    expect(health).toMatchObject({ service: 'policies', status: 'up' });
  });

  it('takes a version draft → in review → approved → published with two sign-offs; writes after submit are 409, the author’s approval 403, an older hash 409', async () => {
    const doc = await newDocument();
    const v = await send<PolicyVersionView>(P.versionCreate, author, { documentId: doc.id, content: '第一条 为规范投诉处理，制定本办法。\n第二条 本办法适用于全行。', changeSummary: '首版', material: true });
    expect(v).toMatchObject({ status: 'draft', number: 1, availableActions: ['edit', 'submit'] });
    const edited = await send<PolicyVersionView>(P.versionUpdate, author, { id: v.id, content: '第一条 为规范投诉处理工作，制定本办法。\n第二条 本办法适用于全行。' });
    expect(edited.contentHash).not.toBe(v.contentHash);
    const submitted = await send<PolicyVersionView>(P.versionSubmit, author, { id: v.id });
    expect(submitted.status).toBe('in_review');
    expect(await failure(P.versionUpdate, author, { id: v.id, content: 'x' })).toMatchObject({ statusCode: 409 });
    expect(await failure(P.versionReview, author, { id: v.id, verdict: 'approve', contentHash: edited.contentHash })).toMatchObject({ statusCode: 403 });
    // The draft's first hash: a sign-off for what the reviewer read before the edit.
    expect(await failure(P.versionReview, admin2, { id: v.id, verdict: 'approve', contentHash: v.contentHash })).toMatchObject({ statusCode: 409 });
    expect(await failure(P.versionReview, staff, { id: v.id, verdict: 'approve', contentHash: edited.contentHash })).toMatchObject({ statusCode: 403 });
    const one = await send<PolicyVersionView>(P.versionReview, admin2, { id: v.id, verdict: 'approve', contentHash: edited.contentHash });
    expect(one.status).toBe('in_review');
    expect(one.signOffs).toEqual([
      { role: 'admin', ownerDepartment: true, needed: 1, given: 1 },
      { role: 'auditor', ownerDepartment: false, needed: 1, given: 0 },
    ]);
    const two = await send<PolicyVersionView>(P.versionReview, auditor, { id: v.id, verdict: 'approve', contentHash: edited.contentHash, article: '第一条', comment: '同意' });
    expect(two.status).toBe('approved');
    expect(await failure(P.versionPublish, auditor, { id: v.id })).toMatchObject({ statusCode: 403 });
    const pub = await send<PolicyVersionView>(P.versionPublish, author, { id: v.id });
    expect(pub.status).toBe('published');
    const history = await send<{ kind: string }[]>(P.versionHistory, auditor, { id: v.id });
    expect(history.map((h) => h.kind)).toEqual(['created', 'submitted', 'approve', 'approve', 'approved', 'published']);
    await waitFor(async () => (await rows(`SELECT 1 FROM outbox_event WHERE subject = 'events.policies.version.published' AND published_at IS NOT NULL`)).length >= 1, { what: 'the published event' });
  });

  it('concurrent publishes leave exactly one published version; the in-force query answers before, between and after', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 甲。', true);
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20)); // two instants that differ
    const v2 = await approvedVersion(doc.id, '第一条 乙。', false);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => send(P.versionPublish, author, { id: v2.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await rows(`SELECT id, status FROM policy_version WHERE document_id = $1 ORDER BY number`, [doc.id])).toEqual([
      { id: v1.id, status: 'superseded' },
      { id: v2.id, status: 'published' },
    ]);
    const at = async (d: Date) => (await send<{ version: PolicyVersionView | null }>(P.documentInForce, auditor, { id: doc.id, at: d.toISOString() })).version?.id ?? null;
    expect(await at(new Date(Date.parse(v1.effectiveFrom!) - 1000))).toBeNull();
    expect(await at(between)).toBe(v1.id);
    expect(await at(new Date(Date.now() + 1000))).toBe(v2.id);
  });

  it('acknowledgements: v1 acknowledged, a non-material v2 keeps it, a material v3 asks again; a user moved into the audience gets one task; rates equal an independent count', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 甲。', true);
    const tasksOf = async (a: Actor) => (await send<AcknowledgementTask[]>(P.myTasks, a, {})).filter((t) => t.documentId === doc.id);
    expect(await tasksOf(staff)).toEqual([expect.objectContaining({ versionId: v1.id })]);
    expect(await tasksOf(outsider)).toEqual([]);
    expect(await failure(P.acknowledge, staff, { id: v1.id, contentHash: '0'.repeat(64) })).toMatchObject({ statusCode: 409 });
    expect(await failure(P.acknowledge, outsider, { id: v1.id, contentHash: v1.contentHash })).toMatchObject({ statusCode: 403 });
    const ack = await send<{ late: boolean; versionId: string }>(P.acknowledge, staff, { id: v1.id, contentHash: v1.contentHash });
    expect(ack).toMatchObject({ late: false, versionId: v1.id });
    expect(await tasksOf(staff)).toEqual([]);

    const v2 = await published(doc.id, '第一条 甲，乙。', false);
    expect(await tasksOf(staff)).toEqual([]);
    expect((await send<PolicyVersionView>(P.versionGet, staff, { id: v2.id })).acknowledged).toBe(true);
    const v3 = await published(doc.id, '第一条 丙。', true);
    expect(await tasksOf(staff)).toEqual([expect.objectContaining({ versionId: v3.id })]);

    // The outsider's unit moves under the audience branch (as the replica applies a move): one task, for v3 only.
    await harness.db.query(`UPDATE directory_org_unit SET parent_id = $1, path = $2 WHERE id = $3`, [BR, `/${HO}/${BR}/${BR2}/`, BR2]);
    const moved = { ...outsider, orgPath: `/${HO}/${BR}/${BR2}/` };
    expect(await tasksOf(moved)).toEqual([expect.objectContaining({ versionId: v3.id })]);
    await send(P.acknowledge, moved, { id: v3.id, contentHash: v3.contentHash });
    await harness.db.query(`UPDATE directory_org_unit SET parent_id = $1, path = $2 WHERE id = $3`, [HO, path.br2, BR2]);

    const rates = await send<AckRates>(P.ackRates, auditor, { documentId: doc.id });
    const [independent] = await rows<{ audience: number; acked: number }>(
      `SELECT count(*)::int AS audience, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM policy_ack k JOIN policy_version v ON v.ack_basis_id = k.basis_id WHERE v.id = $1 AND k.user_id = p.id))::int AS acked
         FROM directory_user p JOIN directory_org_unit o ON o.id = p.org_unit_id WHERE o.path LIKE $2 AND p.active`,
      [v3.id, `${path.br}%`],
    );
    expect(independent).toEqual({ audience: 2, acked: 0 });
    expect(rates).toMatchObject({ versionId: v3.id, audience: independent.audience, acknowledged: independent.acked });
    expect(rates.units.find((l) => l.orgUnitId === BR)).toMatchObject({ audience: 2, acknowledged: 0 });
    expect(rates.units.find((l) => l.orgUnitId === HO)).toMatchObject({ audience: 2 });
    expect(rates.unread.map((r) => r.username).sort()).toEqual(['staff', 'staff2']);
    await send(P.acknowledge, staff2, { id: v3.id, contentHash: v3.contentHash });
    const after = await send<AckRates>(P.ackRates, auditor, { documentId: doc.id });
    expect(after).toMatchObject({ audience: 2, acknowledged: 1, rate: 0.5 });
    expect(after.units.find((l) => l.orgUnitId === OUT)).toMatchObject({ audience: 1, acknowledged: 0, rate: 0 });
  });

  it('permissions: auditors read drafts but cannot edit; staff see only published versions of their audience’s documents', async () => {
    const doc = await newDocument();
    const v = await send<PolicyVersionView>(P.versionCreate, author, { documentId: doc.id, content: '第一条 草稿。', changeSummary: '草稿', material: true });
    expect((await send<PolicyVersionView>(P.versionGet, auditor, { id: v.id })).status).toBe('draft');
    expect(await failure(P.versionUpdate, auditor, { id: v.id, content: 'x' })).toMatchObject({ statusCode: 403 });
    expect(await failure(P.documentCreate, auditor, { code: 'X-1' })).toMatchObject({ statusCode: 403 });
    expect(await failure(P.versionGet, staff, { id: v.id })).toMatchObject({ statusCode: 404 });
    expect(await failure(P.documentGet, staff, { id: doc.id })).toMatchObject({ statusCode: 404 });
    await send(P.versionSubmit, author, { id: v.id });
    await send(P.versionReview, admin2, { id: v.id, verdict: 'approve', contentHash: v.contentHash });
    await send(P.versionReview, auditor, { id: v.id, verdict: 'approve', contentHash: v.contentHash });
    await send(P.versionPublish, author, { id: v.id });
    expect((await send<PolicyVersionView>(P.versionGet, staff, { id: v.id })).availableActions).toEqual(['acknowledge']);
    expect(await failure(P.versionGet, outsider, { id: v.id })).toMatchObject({ statusCode: 404 });
    const list = await send<{ items: PolicyDocumentView[] }>(P.documentList, outsider, { filter: { id: [doc.id] } });
    expect(list.items).toEqual([]);
    expect(await failure(P.documentCreate, author, { code: 'bad code' })).toMatchObject({ statusCode: 400, details: expect.arrayContaining([expect.objectContaining({ field: 'code' })]) });
  });

  it('answers who may see an attached file: overseers any version naming it, staff only a published one of their audience', async () => {
    const doc = await newDocument();
    const fileId = '99999999-0000-4000-8000-000000000001';
    const v = await send<PolicyVersionView>(P.versionCreate, author, {
      documentId: doc.id,
      content: '第一条 附件。',
      changeSummary: '附件',
      material: true,
      attachments: [{ fileId, name: '附件.pdf', sha256: 'a'.repeat(64) }],
    });
    const access = filePatterns('policies').access;
    expect(await send(access, auditor, { fileId })).toEqual({ recordType: 'policy-version', recordId: v.id });
    expect(await failure(access, staff, { fileId })).toMatchObject({ statusCode: 404 });
    expect(await send(filePatterns('policies').attached, author, { fileIds: [fileId, '99999999-0000-4000-8000-000000000002'] })).toEqual({
      attached: [{ fileId, recordType: 'policy-version', recordId: v.id }],
    });
  });

  it('diffs two versions by article: full-width punctuation, a surrogate pair and a renumbered article', async () => {
    const doc = await newDocument();
    const v1 = await published(doc.id, '第一条 总则。\n第二条 客户吉祥。\n第三条 投诉，应当受理。', true);
    const v2 = await approvedVersion(doc.id, '第一条 总则。\n第二条 新增条款。\n第三条 客户𠮷祥。\n第四条 投诉,应当受理。', true);
    const d = await send<PolicyDiffView>(P.versionDiff, auditor, { id: v2.id, against: v1.id });
    expect(d.left.id).toBe(v1.id);
    const renumbered = d.diff.rows.find((r) => r.left?.label === '第二条');
    expect(renumbered).toMatchObject({ right: { label: '第三条' }, change: 'modified', renumbered: true });
    expect(renumbered!.segments).toEqual(expect.arrayContaining([{ op: 'insert', text: '𠮷' }]));
    const punct = d.diff.rows.find((r) => r.left?.label === '第三条');
    expect(punct!.segments).toEqual(expect.arrayContaining([{ op: 'delete', text: '，' }, { op: 'insert', text: ',' }]));
    expect(d.diff.rows.find((r) => r.right?.label === '第二条')).toMatchObject({ change: 'inserted' });
  });

  it('an incident keeps its frozen plan after the plan changes; raising the level recomputes deadlines; closing with a mandatory step open is 409', async () => {
    const doc = await newDocument({ kind: 'emergency_plan', planBusinessType: 'information_system', title: '信息系统突发事件应急管理办法' });
    const v1 = await approvedVersion(doc.id, '第一条 预案。', true, { plan: plan(2) });
    await send(P.versionPublish, author, { id: v1.id });
    const at = '2026-03-01T08:00:00.000Z';
    const inc = await send<IncidentView>(P.incidentActivate, author, { documentId: doc.id, level: 3, title: '核心系统中断', activatedAt: at });
    expect(inc.steps.map((s) => s.title)).toEqual(['步骤1', '步骤2']);
    expect(inc.deadlines).toEqual([{ to: '总行', dueAt: '2026-03-01T12:00:00.000Z', level: 3 }]);
    // The plan changes (a new published version with four steps): the incident keeps its frozen two.
    const v2 = await approvedVersion(doc.id, '第一条 新预案。', true, { plan: plan(4) });
    await send(P.versionPublish, author, { id: v2.id });
    expect((await send<IncidentView>(P.incidentGet, auditor, { id: inc.id })).steps).toHaveLength(2);
    const raised = await send<IncidentView>(P.incidentLevel, author, { id: inc.id, level: 1 });
    expect(raised.steps).toHaveLength(2);
    expect(raised.deadlines).toEqual([
      { to: '总行', dueAt: '2026-03-01T09:00:00.000Z', level: 1 },
      { to: '监管', dueAt: '2026-03-02T08:00:00.000Z', level: 1 },
    ]);
    expect(await failure(P.incidentClose, author, { id: inc.id, review: '总结' })).toMatchObject({ statusCode: 409 });
    await send(P.incidentStep, author, { id: inc.id, order: 1, status: 'done' });
    const closed = await send<IncidentView>(P.incidentClose, author, { id: inc.id, review: '总结', followUps: [{ action: '升级监控', owner: '科技部', due: '2026-04-01' }] });
    expect(closed.status).toBe('closed');
    await expect(harness.db.query(`UPDATE incident_timeline SET text = 'x' WHERE incident_id = $1`, [inc.id])).rejects.toThrow(/append-only/);
  });
});
