/** The training service over NATS on a private nats-server and a fresh database (the kit's harness). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { healthPattern, type Actor, type ErrorBody, type RpcEnvelope, type ServiceHealth } from '@xb/contracts';
import { TRAINING_PATTERNS, type AttemptView, type ExamDto, type ExamStatisticsView, type ExamView, type LeaderboardView, type QuestionDto, type QuestionView, type RegradeResult, type SessionView } from '@xb/contracts/training';
import { waitFor } from '@xb/test-kit';
import { seedDirectory, startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';
import { quizStatistics } from '../src/statistics/item-statistics.js';

const HEAD = '11111111-1111-4111-8111-111111111111';
const BRANCH1 = '22222222-2222-4222-8222-222222222222';
const BRANCH2 = '33333333-3333-4333-8333-333333333333';
const path = { head: `/${HEAD}/`, branch1: `/${HEAD}/${BRANCH1}/`, branch2: `/${HEAD}/${BRANCH2}/` };
let n = 0;
const actor = (username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({
  id: `aaaaaaaa-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  username,
  roles,
  orgUnitId,
  orgPath,
  atHeadOffice: orgUnitId === HEAD,
});
const admin = actor('admin', ['admin'], HEAD, path.head);
const trainer = actor('trainer', ['trainer'], HEAD, path.head);
const branchTrainer = actor('trainer2', ['trainer'], BRANCH2, path.branch2);
const staff1 = actor('staff1', ['staff'], BRANCH1, path.branch1);
const staff2 = actor('staff2', ['staff'], BRANCH1, path.branch1);
const staff3 = actor('staff3', ['staff'], BRANCH2, path.branch2);
const auditor = actor('auditor', ['auditor'], HEAD, path.head);

const single = (stem: string, tag: string, correct = 'B'): QuestionDto => ({
  type: 'single',
  stem,
  options: [
    { key: 'A', text: `${stem} 选项甲` },
    { key: 'B', text: `${stem} 选项乙` },
    { key: 'C', text: `${stem} 选项丙` },
  ],
  correct,
  explanation: `解析：${stem} 的答案是 ${correct}`,
  tags: [tag],
  difficulty: 2,
  status: 'active',
});

describe('training service over NATS (real PostgreSQL + JetStream)', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startServiceHarness('training', { load: () => import('../src/service.js'), env: { TRAINING_SWEEP_INTERVAL_MS: '0', TRAINING_ANSWER_GRACE_MS: '0' } });
    await seedDirectory(harness.db, {
      units: [{ path: path.head, name: '总行', type: 'head_office' }, { path: path.branch1, name: '一分行' }, { path: path.branch2, name: '二分行' }],
      users: [admin, trainer, branchTrainer, staff1, staff2, staff3, auditor].map((a) => ({ id: a.id, username: a.username, roles: a.roles, orgUnitId: a.orgUnitId })),
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const send = <T>(pattern: string, a: Actor, data: unknown): Promise<T> => firstValueFrom(harness.client.send<T>(pattern, { actor: a, data } as RpcEnvelope<unknown>).pipe(timeout(10_000)));
  const failure = async (pattern: string, a: Actor, data: unknown): Promise<ErrorBody> => {
    try {
      await send(pattern, a, data);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await harness.db.query(text, params)).rows as T[];

  const exam = (over: Partial<ExamDto> = {}): ExamDto => ({
    title: '消保知识测试',
    kind: 'exam',
    drawRules: [],
    questions: [],
    timeLimitMinutes: 30,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    passPercent: 60,
    attemptsAllowed: 1,
    gradingMethod: 'highest',
    reviewAfterSubmit: 'score',
    reviewAfterClose: 'explanations',
    audienceUnitIds: [BRANCH1],
    audienceRoles: [],
    ...over,
  });
  const publishedExam = async (over: Partial<ExamDto> = {}) => {
    const e = await send<ExamView>(TRAINING_PATTERNS.examCreate, trainer, exam(over));
    return send<ExamView>(TRAINING_PATTERNS.examPublish, trainer, { id: e.id });
  };

  const bank: QuestionView[] = [];

  it('answers its health check', async () => {
    const health = await send<ServiceHealth>(healthPattern('training'), admin, {});
    expect(health).toMatchObject({ service: 'training', status: 'up', components: { database: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('keeps a question bank: trainers write, auditors read, staff may not; bad keys are 400 naming the field', async () => {
    for (let i = 0; i < 6; i++) bank.push(await send<QuestionView>(TRAINING_PATTERNS.questionCreate, trainer, single(`八项权利题${i}`, '八项权利')));
    bank.push(await send<QuestionView>(TRAINING_PATTERNS.questionCreate, trainer, { type: 'true_false', stem: '金融消费者享有知情权', correct: true, tags: ['八项权利'], difficulty: 1, status: 'active' }));
    expect(bank[0]).toMatchObject({ version: 1, used: false, status: 'active' });
    expect(await failure(TRAINING_PATTERNS.questionCreate, trainer, { ...single('x', 't'), correct: 'Z' })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'correct' })] });
    expect(await failure(TRAINING_PATTERNS.questionCreate, staff1, single('x', 't'))).toMatchObject({ statusCode: 403 });
    const list = await send<{ items: QuestionView[]; total: number }>(TRAINING_PATTERNS.questionList, auditor, { filter: { tags: '八项权利' }, range: [0, 99], sort: ['id', 'ASC'] });
    expect(list.total).toBe(7);
  });

  it('imports CSV all-or-nothing with a per-row error report', async () => {
    const header = 'type,stem,A,B,C,D,E,correct,explanation,tags,difficulty,regulation';
    const bad = `${header}\n单选,反诈题一,甲,乙,,,,A,,反诈,2,\n多选,反诈题二,甲,乙,丙,,,AZ,,反诈,9,\n`;
    const err = await failure(TRAINING_PATTERNS.questionImport, trainer, { csv: bad });
    expect(err).toMatchObject({ statusCode: 422 });
    expect(err.details?.map((d) => d.field)).toEqual(['row 3: difficulty']);
    expect((await sql(`SELECT 1 FROM question WHERE '反诈' = ANY(tags)`)).length).toBe(0);
    const good = `${header}\n单选,反诈题一,甲,乙,,,,A,,反诈,2,\n多选,反诈题二,甲,乙,丙,,,AC,,反诈;个人信息保护,3,\n判断,反诈题三,,,,,,对,,反诈,1,\n`;
    expect(await send(TRAINING_PATTERNS.questionImport, trainer, { csv: good })).toEqual({ imported: 3, errors: [] });
  });

  it('refuses to publish when a draw rule pool is smaller than its count (422 naming the rule); a published exam is frozen', async () => {
    const draft = await send<ExamView>(TRAINING_PATTERNS.examCreate, trainer, exam({ drawRules: [{ tag: '八项权利', count: 3, points: 10 }, { tag: '不存在', count: 1, points: 5 }] }));
    expect(draft.drawRules.map((r) => r.poolSize)).toEqual([7, 0]);
    const err = await failure(TRAINING_PATTERNS.examPublish, trainer, { id: draft.id });
    expect(err).toMatchObject({ statusCode: 422, details: [expect.objectContaining({ field: 'drawRules[1]' })] });
    const ok = await send<ExamView>(TRAINING_PATTERNS.examUpdate, trainer, { id: draft.id, exam: exam({ drawRules: [{ tag: '八项权利', count: 3, points: 10 }] }) });
    expect((await send<ExamView>(TRAINING_PATTERNS.examPublish, trainer, { id: ok.id })).status).toBe('published');
    expect(await failure(TRAINING_PATTERNS.examUpdate, trainer, { id: ok.id, exam: exam() })).toMatchObject({ statusCode: 409 });
    expect(await failure(TRAINING_PATTERNS.examPublish, branchTrainer, { id: ok.id })).toMatchObject({ statusCode: 403 });
  });

  it('a paper carries no key, explanation or bank option key before review; a reload shows the same paper', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 5, points: 20 }] });
    const paper = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff1, { id: e.id });
    expect(paper.items).toHaveLength(5);
    const keys = await sql<{ correct: unknown; explanation: string | null }>(
      `SELECT v.correct, v.explanation FROM attempt_item i JOIN question_version v USING (question_id, version) WHERE i.attempt_id = $1`,
      [paper.id],
    );
    const text = JSON.stringify(paper);
    for (const k of keys) if (k.explanation) expect(text).not.toContain(k.explanation);
    for (const it of paper.items) {
      expect(Object.keys(it).sort()).toEqual(['answer', 'options', 'points', 'slot', 'stem', 'type']);
      for (const o of it.options) expect(['A', 'B', 'C']).not.toContain(o.id);
    }
    expect(paper).not.toHaveProperty('score');
    const again = await send<AttemptView>(TRAINING_PATTERNS.attemptGet, staff1, { id: paper.id });
    expect(again.items).toEqual(paper.items);
    expect(await failure(TRAINING_PATTERNS.attemptGet, staff2, { id: paper.id })).toMatchObject({ statusCode: 404 });
    // Drawn versions are frozen: an edit of a drawn question makes version 2, the paper keeps version 1.
    const [drawn] = await sql<{ question_id: string; stem: string; slot: number }>(
      `SELECT i.question_id, v.stem, i.slot FROM attempt_item i JOIN question_version v USING (question_id, version) WHERE i.attempt_id = $1 AND v.type = 'single' ORDER BY i.slot LIMIT 1`,
      [paper.id],
    );
    const edited = await send<QuestionView>(TRAINING_PATTERNS.questionUpdate, trainer, { id: drawn.question_id, question: single('改过的题干', '八项权利') });
    expect(edited).toMatchObject({ version: 2, stem: '改过的题干' });
    expect((await send<AttemptView>(TRAINING_PATTERNS.attemptGet, staff1, { id: paper.id })).items.find((i) => i.slot === drawn.slot)?.stem).toBe(drawn.stem);
  });

  it('refuses takers outside the audience (403) and a second start (409); parallel starts with one attempt left make one', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 2, points: 50 }] });
    expect(await failure(TRAINING_PATTERNS.attemptStart, staff3, { id: e.id })).toMatchObject({ statusCode: 403 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff2, { id: e.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.statusCode)).toEqual([409, 409, 409, 409, 409]);
    expect(await sql(`SELECT id FROM attempt WHERE exam_id = $1`, [e.id])).toHaveLength(1);
    const closed = await publishedExam({ opensAt: new Date(Date.now() + 3_600_000).toISOString(), closesAt: new Date(Date.now() + 7_200_000).toISOString(), drawRules: [{ tag: '八项权利', count: 1, points: 1 }] });
    expect(await failure(TRAINING_PATTERNS.attemptStart, staff1, { id: closed.id })).toMatchObject({ statusCode: 403 });
  });

  it('autosaves with a sequence (stale 409), submits once (a double submit answers the same), refuses saves after submit', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 2, points: 50 }], attemptsAllowed: 2 });
    const paper = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff1, { id: e.id });
    const [a, b] = paper.items;
    const answerFor = (it: AttemptView['items'][number]) => (it.type === 'true_false' ? true : it.options[0].id);
    await send(TRAINING_PATTERNS.attemptSave, staff1, { id: paper.id, slot: a.slot, body: { answer: answerFor(a), seq: 2 } });
    expect(await failure(TRAINING_PATTERNS.attemptSave, staff1, { id: paper.id, slot: b.slot, body: { answer: answerFor(b), seq: 2 } })).toMatchObject({ statusCode: 409 });
    expect(await failure(TRAINING_PATTERNS.attemptSave, staff1, { id: paper.id, slot: b.slot, body: { answer: 'nope', seq: 3 } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'answer' })] });
    expect(await failure(TRAINING_PATTERNS.attemptSave, staff1, { id: paper.id, slot: 99, body: { answer: null, seq: 3 } })).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'slot' })] });
    const [first, second] = await Promise.all([send<AttemptView>(TRAINING_PATTERNS.attemptSubmit, staff1, { id: paper.id }), send<AttemptView>(TRAINING_PATTERNS.attemptSubmit, staff1, { id: paper.id })]);
    expect(first.status).toBe('submitted');
    expect(second.score).toBe(first.score);
    expect(first.review).toBe('score');
    expect(first.items[0]).not.toHaveProperty('correct');
    expect(await sql(`SELECT 1 FROM outbox_event WHERE subject = 'events.training.attempt.submitted' AND payload->>'aggregateId' = $1`, [paper.id])).toHaveLength(1);
    expect(await failure(TRAINING_PATTERNS.attemptSave, staff1, { id: paper.id, slot: b.slot, body: { answer: answerFor(b), seq: 9 } })).toMatchObject({ statusCode: 409 });
  });

  it('refuses saves after the deadline; the sweep submits what was saved, finish time = the deadline', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 2, points: 50 }] });
    const paper = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff2, { id: e.id });
    const it = paper.items[0];
    const [key] = await sql<{ correct: unknown; option_ids: string[]; option_keys: string[] }>(
      `SELECT v.correct, i.option_ids, i.option_keys FROM attempt_item i JOIN question_version v USING (question_id, version) WHERE i.attempt_id = $1 AND i.slot = $2`,
      [paper.id, it.slot],
    );
    const right = it.type === 'true_false' ? key.correct : key.option_ids[key.option_keys.indexOf(key.correct as string)];
    await send(TRAINING_PATTERNS.attemptSave, staff2, { id: paper.id, slot: it.slot, body: { answer: right, seq: 1 } });
    // The clock passes the deadline (the deadline is moved, not waited for).
    const deadline = new Date(Date.now() - 1000);
    await sql(`UPDATE attempt SET deadline_at = $2 WHERE id = $1`, [paper.id, deadline]);
    expect(await failure(TRAINING_PATTERNS.attemptSave, staff2, { id: paper.id, slot: paper.items[1].slot, body: { answer: null, seq: 2 } })).toMatchObject({ statusCode: 409, message: expect.stringContaining('Time is up') });
    const swept = await send<{ ran: boolean; submitted: number }>(TRAINING_PATTERNS.sweepRunNow, admin, {});
    expect(swept).toMatchObject({ ran: true, submitted: 1 });
    const [row] = await sql<{ status: string; submitted_by: string; finished_at: Date; score: string }>(`SELECT status, submitted_by, finished_at, score FROM attempt WHERE id = $1`, [paper.id]);
    expect(row).toMatchObject({ status: 'submitted', submitted_by: 'deadline', score: '50.00' });
    expect(row.finished_at.getTime()).toBe(deadline.getTime());
    expect(await send(TRAINING_PATTERNS.sweepRunNow, admin, {})).toMatchObject({ submitted: 0 });
  });

  it('a key fix: the dry run lists exactly the changed results, applying regrades them and the leaderboard once', async () => {
    const q = bank[6]; // the true/false question, key true
    const e = await publishedExam({ kind: 'competition', questions: [{ questionId: q.id, points: 10 }, { questionId: bank[1].id, points: 10 }], passPercent: 50, reviewAfterSubmit: 'answers' });
    const take = async (who: Actor, tf: boolean) => {
      const p = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, who, { id: e.id });
      const slot = p.items.find((i) => i.type === 'true_false')!.slot;
      await send(TRAINING_PATTERNS.attemptSave, who, { id: p.id, slot, body: { answer: tf, seq: 1 } });
      return send<AttemptView>(TRAINING_PATTERNS.attemptSubmit, who, { id: p.id });
    };
    const yes = await take(staff1, true);
    const no = await take(staff2, false);
    expect([yes.score, yes.passed, no.score, no.passed]).toEqual([10, true, 0, false]);
    const before = await send<LeaderboardView>(TRAINING_PATTERNS.examLeaderboard, trainer, { id: e.id });
    expect(before.entries.map((x) => [x.username, x.rank])).toEqual([['staff1', 1], ['staff2', 2]]);
    const dry = await send<RegradeResult>(TRAINING_PATTERNS.examRegrade, trainer, { id: e.id, fix: { questionId: q.id, correct: false, dryRun: true, reason: '答案有误' } });
    expect(dry).toMatchObject({ dryRun: true, attempts: 2, newlyPassed: 1, newlyFailed: 1 });
    expect(dry.changes.map((c) => [c.username, c.after.score])).toEqual(expect.arrayContaining([['staff1', 0], ['staff2', 10]]));
    expect((await sql(`SELECT score FROM attempt WHERE id = $1`, [yes.id]))[0]).toEqual({ score: '10.00' });
    const applied = await send<RegradeResult>(TRAINING_PATTERNS.examRegrade, trainer, { id: e.id, fix: { questionId: q.id, correct: false, reason: '答案有误' } });
    expect(applied.changes).toHaveLength(2);
    const after = await send<LeaderboardView>(TRAINING_PATTERNS.examLeaderboard, trainer, { id: e.id });
    expect(after.entries.map((x) => [x.username, x.rank, x.score])).toEqual([['staff2', 1, 10], ['staff1', 2, 0]]);
    expect(await sql(`SELECT action FROM exam_timeline WHERE exam_id = $1 AND action = 'regraded'`, [e.id])).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM outbox_event WHERE subject = 'events.training.question.regraded'`)).toHaveLength(1);
    // Voiding leaves the question out of every score and maximum.
    const voided = await send<RegradeResult>(TRAINING_PATTERNS.examRegrade, trainer, { id: e.id, fix: { questionId: q.id, voided: true, reason: '题目作废' } });
    expect(voided.changes.map((c) => c.after.percent)).toEqual(expect.arrayContaining([0]));
    expect((await sql<{ max_score: string }>(`SELECT max_score FROM attempt WHERE exam_id = $1`, [e.id])).map((r) => r.max_score)).toEqual(['10.00', '10.00']);
  });

  it('competition rounds 轮次: only the top N of the previous round start the next (ties at the cut go on); the round must follow a published competition', async () => {
    const tf = bank[6]; // true/false, key true
    const first = await publishedExam({ kind: 'competition', round: 1, questions: [{ questionId: tf.id, points: 10 }] });
    const take = async (who: Actor, examId: string, answer: boolean) => {
      const p = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, who, { id: examId });
      await send(TRAINING_PATTERNS.attemptSave, who, { id: p.id, slot: 1, body: { answer, seq: 1 } });
      return send<AttemptView>(TRAINING_PATTERNS.attemptSubmit, who, { id: p.id });
    };
    await take(staff1, first.id, true);
    await take(staff2, first.id, false);
    const next = { kind: 'competition' as const, round: 2, questions: [{ questionId: tf.id, points: 10 }] };
    // Rules of a later round: both fields, a competition, after a published earlier competition.
    expect(await failure(TRAINING_PATTERNS.examCreate, trainer, exam({ ...next, previousRoundId: first.id }))).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'qualifyTop' })] });
    expect(await failure(TRAINING_PATTERNS.examCreate, trainer, exam({ ...next, kind: 'exam', previousRoundId: first.id, qualifyTop: 1 }))).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'previousRoundId' })] });
    expect(await failure(TRAINING_PATTERNS.examCreate, trainer, exam({ ...next, round: 1, previousRoundId: first.id, qualifyTop: 1 }))).toMatchObject({ statusCode: 422, details: [expect.objectContaining({ field: 'previousRoundId' })] });
    const draft = await send<ExamView>(TRAINING_PATTERNS.examCreate, trainer, exam({ kind: 'competition', questions: [{ questionId: tf.id, points: 10 }] }));
    expect(await failure(TRAINING_PATTERNS.examCreate, trainer, exam({ ...next, previousRoundId: draft.id, qualifyTop: 1 }))).toMatchObject({ statusCode: 422, details: [expect.objectContaining({ message: expect.stringContaining('published') })] });

    const second = await publishedExam({ ...next, previousRoundId: first.id, qualifyTop: 1 });
    expect(second).toMatchObject({ previousRoundId: first.id, qualifyTop: 1, round: 2 });
    const refused = await failure(TRAINING_PATTERNS.attemptStart, staff2, { id: second.id });
    expect(refused).toMatchObject({ statusCode: 403, message: expect.stringContaining('rank there: 2') });
    expect((await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff1, { id: second.id })).status).toBe('in_progress');
    // Ties at the cut qualify: with staff2 level on score and time, both are rank 1.
    await sql(`UPDATE attempt SET score = 10, finished_at = started_at + interval '5 seconds' WHERE exam_id = $1`, [first.id]);
    const third = await publishedExam({ ...next, round: 3, previousRoundId: first.id, qualifyTop: 1 });
    expect((await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff2, { id: third.id })).status).toBe('in_progress');
  });

  it('statistics: null (not NaN) where undefined, results of a branch trainer limited to its subtree', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 2, points: 50 }], audienceUnitIds: [] });
    const p = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff3, { id: e.id });
    await send(TRAINING_PATTERNS.attemptSubmit, staff3, { id: p.id });
    const stats = await send<ExamStatisticsView>(TRAINING_PATTERNS.examStatistics, trainer, { id: e.id, query: { attempts: 'all' } });
    expect(stats.attemptsAnalysed).toBe(1);
    expect(stats.test.sd).toBeNull();
    expect(stats.test.cic).toBeNull();
    expect(stats.items.every((i) => i.discriminationIndex === null)).toBe(true);
    const head = stats.units.find((u) => u.orgUnitId === HEAD)!;
    expect(head).toMatchObject({ attempted: 1, assigned: 7 });
    const branch = await send<ExamStatisticsView>(TRAINING_PATTERNS.examStatistics, branchTrainer, { id: e.id });
    expect(branch.units.map((u) => u.orgUnitId)).toEqual([BRANCH2]);
    const other = await send<ExamStatisticsView>(TRAINING_PATTERNS.examStatistics, actor('t3', ['trainer'], BRANCH1, path.branch1), { id: e.id });
    expect(other.attemptsAnalysed).toBe(0);
    expect(await failure(TRAINING_PATTERNS.examStatistics, staff3, { id: e.id })).toMatchObject({ statusCode: 403 });
  });

  it('statistics over mixed draws with a voided question equal an independent computation from the stored marks', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 2, points: 50 }], audienceUnitIds: [] });
    const qs = await sql<{ id: string; version: number }>(`SELECT id, version FROM question WHERE id = ANY($1::uuid[]) ORDER BY id`, [bank.slice(0, 6).map((q) => q.id)]);
    // 60 attempts, each holding 4 of the 6 questions (points 2 or 3), marks 0 / half / full from a fixed generator; every item of the last question voided.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const attempts = Array.from({ length: 60 }, (_, n) => ({ id: `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`, user: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}` }));
    const items: { attempt_id: string; slot: number; question_id: string; version: number; points: number; score: number; outcome: string }[] = [];
    for (const a of attempts) {
      const ability = next();
      const held = qs.map((q, k) => ({ q, k, r: next() })).sort((x, y) => x.r - y.r).slice(0, 4);
      held.forEach(({ q, k }, slot) => {
        const points = 2 + (k % 2);
        const voided = k === qs.length - 1;
        const r = next() * 0.6 + ability * 0.6;
        const score = voided ? 0 : r > 0.8 ? points : r > 0.5 ? points / 2 : 0;
        items.push({ attempt_id: a.id, slot: slot + 1, question_id: q.id, version: q.version, points, score, outcome: voided ? 'void' : score === points ? 'correct' : score > 0 ? 'partial' : 'wrong' });
      });
    }
    await sql(
      `INSERT INTO attempt (id, exam_id, user_id, username, org_unit_id, org_path, number, status, seed, started_at, deadline_at, finished_at, submitted_by, score, max_score, percent, passed)
       SELECT r.id, $1, r.u, 'x', $2, $3, 1, 'submitted', 1, now() - interval '1 hour', now(), now(), 'taker', 0, 10, 0, false FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, u uuid)`,
      [e.id, BRANCH1, path.branch1, JSON.stringify(attempts.map((a) => ({ id: a.id, u: a.user })))],
    );
    await sql(
      `INSERT INTO attempt_item (attempt_id, slot, question_id, version, points, score, outcome)
       SELECT r.attempt_id, r.slot, r.question_id, r.version, r.points, r.score, r.outcome FROM jsonb_to_recordset($1::jsonb) AS r(attempt_id uuid, slot int, question_id uuid, version int, points numeric, score numeric, outcome text)`,
      [JSON.stringify(items)],
    );
    const stats = await send<ExamStatisticsView>(TRAINING_PATTERNS.examStatistics, trainer, { id: e.id, query: { attempts: 'all' } });

    // Independently: columns are the questions with a non-voided item (by id as PostgreSQL orders uuids), their maximum the points; absent = null.
    const cols = qs.map((q) => q.id).filter((id) => items.some((i) => i.question_id === id && i.outcome !== 'void'));
    const maxMarks = cols.map((id) => Math.max(...items.filter((i) => i.question_id === id).map((i) => i.points)));
    const marks = attempts.map((a) => cols.map((id) => items.find((i) => i.attempt_id === a.id && i.question_id === id)?.score ?? null));
    const expected = quizStatistics({ maxMarks, marks });
    expect(stats.attemptsAnalysed).toBe(60);
    expect(stats.items.map((i) => i.questionId)).toEqual(cols);
    expect(cols).toHaveLength(5);
    stats.items.forEach((it, k) => {
      const want = expected.items[k];
      expect(it.s).toBe(want.s);
      for (const [got, exp] of [[it.facility, want.facility], [it.sd, want.sdFraction], [it.discriminationIndex, want.discriminationIndex], [it.discriminativeEfficiency, want.discriminativeEfficiency]] as const) {
        if (exp === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(exp, 6);
      }
    });
    for (const [key, want] of Object.entries(expected.test)) {
      if (want === null) expect(stats.test[key]).toBeNull();
      else expect(stats.test[key]).toBeCloseTo(want as number, 6);
    }
    expect(Object.values(expected.test).filter((v) => v !== null).length).toBeGreaterThan(2);
  });

  it('grants extra time to an attempt in progress and an extra attempt, on record', async () => {
    const e = await publishedExam({ drawRules: [{ tag: '八项权利', count: 1, points: 10 }] });
    const p = await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff1, { id: e.id });
    const g = await send<{ deadlineAt: string }>(TRAINING_PATTERNS.examGrant, trainer, { id: e.id, grant: { userId: staff1.id, extraMinutes: 10, reason: '网络故障' } });
    expect(Date.parse(g.deadlineAt) - Date.parse(p.deadlineAt)).toBe(600_000);
    await send(TRAINING_PATTERNS.attemptSubmit, staff1, { id: p.id });
    expect(await failure(TRAINING_PATTERNS.attemptStart, staff1, { id: e.id })).toMatchObject({ statusCode: 409 });
    await send(TRAINING_PATTERNS.examGrant, trainer, { id: e.id, grant: { userId: staff1.id, extraAttempts: 1, reason: '补考' } });
    expect((await send<AttemptView>(TRAINING_PATTERNS.attemptStart, staff1, { id: e.id })).number).toBe(2);
    expect(await sql(`SELECT 1 FROM exam_timeline WHERE exam_id = $1 AND action = 'granted'`, [e.id])).toHaveLength(2);
  });

  it('sessions: check-in by code within the window credits hours once; the trainer marks; the ledger sums per person and unit', async () => {
    const s = await send<SessionView>(TRAINING_PATTERNS.sessionCreate, trainer, {
      title: '消保培训第一期',
      audienceUnitIds: [BRANCH1],
      audienceRoles: [],
      startsAt: new Date(Date.now() - 600_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      venue: '一楼会议室',
      online: false,
      hours: 2,
    });
    expect(s.checkInCode).toMatch(/^\d{6}$/);
    expect(await failure(TRAINING_PATTERNS.sessionCheckIn, staff1, { id: s.id, body: { code: '000000' } })).toMatchObject({ statusCode: 400 });
    expect(await send(TRAINING_PATTERNS.sessionCheckIn, staff1, { id: s.id, body: { code: s.checkInCode } })).toMatchObject({ credited: true });
    expect(await send(TRAINING_PATTERNS.sessionCheckIn, staff1, { id: s.id, body: { code: s.checkInCode } })).toMatchObject({ credited: false });
    expect(await failure(TRAINING_PATTERNS.sessionCheckIn, staff3, { id: s.id, body: { code: s.checkInCode } })).toMatchObject({ statusCode: 403 });
    expect(await send(TRAINING_PATTERNS.sessionMark, trainer, { id: s.id, body: { userIds: [staff1.id, staff2.id] } })).toEqual({ recorded: 1, alreadyRecorded: 1 });
    const year = new Date().getUTCFullYear();
    const people = await send<{ rows: { id: string; hours: number }[] }>(TRAINING_PATTERNS.hours, trainer, { year, by: 'person' });
    expect(people.rows.find((r) => r.id === staff1.id)?.hours).toBe(2);
    const units = await send<{ rows: { id: string; hours: number }[] }>(TRAINING_PATTERNS.hours, trainer, { year, by: 'unit' });
    expect(units.rows.find((r) => r.id === HEAD)?.hours).toBe(4);
    const my = await send<{ hoursThisYear: number; sessions: { attended: boolean }[] }>(TRAINING_PATTERNS.my, staff1, {});
    expect(my.hoursThisYear).toBe(2);
    expect(my.sessions[0].attended).toBe(true);
    await waitFor(async () => (await sql(`SELECT 1 FROM outbox_event WHERE subject = 'events.training.session.attended' AND published_at IS NOT NULL`)).length === 2, { what: 'attendance events published' });
  });
});
