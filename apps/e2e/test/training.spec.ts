/**
 * Training and quizzes 培训与测评 on the real stack (gateway → NATS → training service →
 * PostgreSQL), as issue #9's "Done when" says: the paper and every read before review carry
 * no key (compared with the stored key), the server enforces the time limit and the sweep
 * submits what was saved, parallel starts / double submits / stale writes, and permissions.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Schemas } from '@xb/api-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@xb/test-kit';
import ExcelJS from 'exceljs';
import { api, DEMO_PASSWORD, startStack, type Stack } from '../src/stack.js';

// Answer types from the OpenAPI document (checked against every answer at run time by api()).
type S = Schemas;
type AttemptView = S['AttemptView'];
type ExamView = S['ExamView'];
type QuestionView = S['QuestionView'];

describe('training through the gateway', () => {
  let stack: Stack;
  let trainer: ReturnType<typeof api>;
  let staff: ReturnType<typeof api>;
  let auditor: ReturnType<typeof api>;
  let units: Record<string, string>;
  const questions: QuestionView[] = [];

  beforeAll(async () => {
    stack = await startStack({ name: 'training', services: ['training'], seed: { training: 120 }, env: { training: { TRAINING_SWEEP_INTERVAL_MS: '200', TRAINING_ANSWER_GRACE_MS: '300' } } });
    trainer = api(stack.baseUrl, await stack.login('trainer'));
    staff = api(stack.baseUrl, await stack.login('staff'));
    auditor = api(stack.baseUrl, await stack.login('auditor'));
    units = Object.fromEntries((await stack.sql<{ id: string; code: string }>('gateway', 'SELECT id, code FROM org_unit')).map((r) => [r.code, r.id]));
    for (let i = 0; i < 8; i++) {
      const res = await trainer.post('/api/questions', {
        type: i % 4 === 3 ? 'multiple' : 'single',
        stem: `投诉处理时限第${i}题：银行应在多少日内作出处理决定？`,
        options: [
          { key: 'A', text: '7日' },
          { key: 'B', text: '15日' },
          { key: 'C', text: '30日' },
        ],
        correct: i % 4 === 3 ? ['A', 'B'] : 'B',
        explanation: `独特解析文字-${i}：依据《银行业保险业消费投诉处理管理办法》第二十四条。`,
        tags: ['测试专题'],
        difficulty: 2,
        regulation: '银行业保险业消费投诉处理管理办法',
        status: 'active',
      });
      expect(res.status).toBe(201);
      questions.push(res.body);
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const examBody = (over: Record<string, unknown> = {}) => ({
    title: '全员消保知识考试',
    kind: 'exam',
    drawRules: [{ tag: '测试专题', count: 5, points: 20 }],
    timeLimitMinutes: 30,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    passPercent: 60,
    attemptsAllowed: 1,
    gradingMethod: 'highest',
    reviewAfterSubmit: 'score',
    reviewAfterClose: 'explanations',
    audienceUnitIds: [units['BR-ZY']],
    audienceRoles: [],
    ...over,
  });
  const published = async (over: Record<string, unknown> = {}): Promise<ExamView> => {
    const created = await trainer.post('/api/exams', examBody(over));
    expect(created.status).toBe(201);
    const res = await trainer.post(`/api/exams/${created.body.id}/publish`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Every key and explanation of an attempt's paper as stored, and its option keys' ids. */
  const storedKey = async (attemptId: string) =>
    stack.sql<{ slot: number; correct: unknown; explanation: string; option_ids: string[]; option_keys: string[] }>(
      'training',
      `SELECT i.slot, v.correct, v.explanation, i.option_ids, i.option_keys FROM attempt_item i JOIN question_version v USING (question_id, version) WHERE i.attempt_id = $1 ORDER BY i.slot`,
      [attemptId],
    );
  /** The response reveals no key: no explanation text, no "correct" field, option ids that are not the bank's keys. */
  const expectNoKey = (body: unknown, key: { explanation: string }[]) => {
    const text = JSON.stringify(body);
    for (const k of key) expect(text).not.toContain(k.explanation);
    expect(text).not.toMatch(/"correct"|"explanation"|"outcome"/);
  };

  it('loads the demo: 120 questions, a practice quiz, the all-staff exam and a competition taken by the demo users, two sessions with attendance', async () => {
    const [counts] = await stack.sql<Record<string, number>>(
      'training',
      `SELECT (SELECT count(*)::int FROM question WHERE NOT ('测试专题' = ANY(tags))) AS questions, (SELECT count(*)::int FROM exam WHERE status = 'published') AS exams,
              (SELECT count(*)::int FROM attempt WHERE status = 'submitted') AS attempts, (SELECT count(*)::int FROM training_session) AS sessions,
              (SELECT count(*)::int FROM session_attendance) AS attendance`,
    );
    expect(counts.questions).toBeGreaterThanOrEqual(120);
    expect(counts.exams).toBe(3);
    expect(counts.attempts).toBeGreaterThan(10);
    expect(counts.sessions).toBe(2);
    expect(counts.attendance).toBeGreaterThan(5);
    const competition = (await trainer.get(`/api/exams?filter=${encodeURIComponent(JSON.stringify({ kind: 'competition' }))}`)).body[0] as ExamView;
    const board = await trainer.get(`/api/exams/${competition.id}/leaderboard`);
    expect(board.body.entries.length).toBeGreaterThan(5);
    expect(board.body.entries[0].rank).toBe(1);
    const stats = await auditor.get(`/api/exams/${competition.id}/statistics`);
    expect(stats.body.items.length).toBeGreaterThan(10);
  });

  it('publishing refuses a draw rule whose pool is too small (422 naming the rule)', async () => {
    const created = await trainer.post('/api/exams', examBody({ drawRules: [{ tag: '测试专题', count: 9, points: 10 }] }));
    expect(created.body.drawRules[0].poolSize).toBe(8);
    const res = await trainer.post(`/api/exams/${created.body.id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'drawRules[0]' })]);
    expect((await trainer.post('/api/exams/pools', { drawRules: [{ tag: '测试专题' }, { tag: '测试专题', difficulty: 5 }] })).body).toEqual({ poolSizes: [8, 0] });
  });

  it('the paper and every read before review hold no correct answer or explanation; after submit the review policy decides', async () => {
    const exam = await published();
    const start = await staff.post(`/api/exams/${exam.id}/attempts`);
    expect(start.status).toBe(201);
    const paper = start.body as AttemptView;
    const key = await storedKey(paper.id);
    expect(key).toHaveLength(5);
    expectNoKey(paper, key);
    for (const [i, item] of paper.items.entries()) for (const o of item.options) expect(key[i].option_keys).not.toContain(o.id);
    expect(Date.parse(paper.deadlineAt) - Date.parse(paper.startedAt)).toBe(30 * 60_000);
    const save = await staff.put(`/api/attempts/${paper.id}/answers/1`, { answer: paper.items[0].type === 'single' ? paper.items[0].options[0].id : [paper.items[0].options[0].id], seq: 1 });
    expect(save.status).toBe(200);
    expectNoKey(save.body, key);
    const reread = await staff.get(`/api/attempts/${paper.id}`);
    expectNoKey(reread.body, key);
    expect(reread.body.items.map((i: AttemptView['items'][number]) => i.options)).toEqual(paper.items.map((i) => i.options));
    const my = await staff.get('/api/training/my');
    expect(my.body.exams.find((e: { id: string }) => e.id === exam.id)).toMatchObject({ state: 'in_progress', inProgressAttemptId: paper.id });
    expectNoKey(my.body, key);
    // Answer every slot correctly from the stored key, then submit: review level "score" shows the score only.
    let seq = 2;
    for (const k of key) {
      const toId = (c: string) => k.option_ids[k.option_keys.indexOf(c)];
      const answer = Array.isArray(k.correct) ? (k.correct as string[]).map(toId) : toId(k.correct as string);
      expect((await staff.put(`/api/attempts/${paper.id}/answers/${k.slot}`, { answer, seq: seq++ })).status).toBe(200);
    }
    const submitted = await staff.post(`/api/attempts/${paper.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', score: 100, percent: 100, passed: true, review: 'score' });
    expectNoKey(submitted.body, key);
    // Someone else's attempt does not exist for them.
    expect((await trainer.get(`/api/attempts/${paper.id}`)).status).toBe(404);
  });

  it('a 1-minute exam: the server deadline holds, a save after it is refused, the sweep submits what was saved at the deadline', async () => {
    // Closes a few seconds from now: deadline = min(start + 1 min, close) = the close.
    const exam = await published({ timeLimitMinutes: 1, closesAt: new Date(Date.now() + 4_000).toISOString(), drawRules: [{ tag: '测试专题', count: 2, points: 50 }] });
    const paper = (await staff.post(`/api/exams/${exam.id}/attempts`)).body as AttemptView;
    expect(Date.parse(paper.deadlineAt)).toBe(Date.parse(exam.closesAt));
    const [k] = await storedKey(paper.id);
    const toId = (c: string) => k.option_ids[k.option_keys.indexOf(c)];
    const answer = Array.isArray(k.correct) ? (k.correct as string[]).map(toId) : toId(k.correct as string);
    expect((await staff.put(`/api/attempts/${paper.id}/answers/${k.slot}`, { answer, seq: 1 })).status).toBe(200);
    const [row] = await waitFor(
      async () => {
        const rows = await stack.sql<{ status: string; submitted_by: string; finished_at: Date; score: string }>('training', `SELECT status, submitted_by, finished_at, score FROM attempt WHERE id = $1`, [paper.id]);
        return rows[0].status === 'submitted' && rows;
      },
      { timeoutMs: 15_000, what: 'the sweep to submit the overdue attempt' },
    );
    expect(row).toMatchObject({ submitted_by: 'deadline', score: '50.00' });
    expect(row.finished_at.toISOString()).toBe(paper.deadlineAt);
    const late = await staff.put(`/api/attempts/${paper.id}/answers/2`, { answer: null, seq: 2 });
    expect(late.status).toBe(409);
    expect(await stack.sql('training', `SELECT 1 FROM attempt_item WHERE attempt_id = $1 AND answer IS NOT NULL`, [paper.id])).toHaveLength(1);
  });

  it('parallel starts with one attempt left create exactly one; stale writes are 409; a double submit finalises once', async () => {
    const exam = await published();
    const starts = await Promise.all(Array.from({ length: 5 }, () => staff.post(`/api/exams/${exam.id}/attempts`)));
    expect(starts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const paper = starts.find((r) => r.status === 201)!.body as AttemptView;
    const opt = (i: number) => (paper.items[i].type === 'single' ? paper.items[i].options[1].id : [paper.items[i].options[1].id]);
    expect((await staff.put(`/api/attempts/${paper.id}/answers/1`, { answer: opt(0), seq: 5 })).status).toBe(200);
    const stale = await staff.put(`/api/attempts/${paper.id}/answers/2`, { answer: opt(1), seq: 4 });
    expect(stale.status).toBe(409);
    const [a, b] = await Promise.all([staff.post(`/api/attempts/${paper.id}/submit`), staff.post(`/api/attempts/${paper.id}/submit`)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.score).toBe(b.body.score);
    expect(await stack.sql('training', `SELECT 1 FROM outbox_event WHERE subject = 'events.training.attempt.submitted' AND payload->>'aggregateId' = $1`, [paper.id])).toHaveLength(1);
    expect((await staff.post(`/api/exams/${exam.id}/attempts`)).status).toBe(409);
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'training.attempt.submitted' AND resource_id = $1`, [paper.id])).length === 1, {
      what: 'the submit in the audit log',
    });
  });

  it('permissions: trainers manage, staff take only what is assigned, auditors read results, a branch trainer sees its subtree only', async () => {
    const exam = await published();
    expect((await staff.post('/api/questions', {})).status).toBe(403);
    expect((await staff.get(`/api/exams/${exam.id}/statistics`)).status).toBe(403);
    expect((await auditor.get(`/api/exams/${exam.id}/statistics`)).status).toBe(200);
    expect((await auditor.post(`/api/exams/${exam.id}/publish`)).status).toBe(403);
    const outsider = api(stack.baseUrl, await stack.login('handler.my'));
    expect((await outsider.post(`/api/exams/${exam.id}/attempts`)).status).toBe(403);
    const admin = api(stack.baseUrl, await stack.login('admin'));
    const created = await admin.post('/api/users', { username: 'trainer.my', displayName: '绵阳培训', password: DEMO_PASSWORD, orgUnitId: units['BR-MY'], roles: ['trainer'] });
    expect(created.status).toBe(201);
    const branchTrainer = api(stack.baseUrl, await stack.login('trainer.my'));
    const stats = await waitFor(async () => {
      const res = await branchTrainer.get(`/api/exams/${exam.id}/statistics`);
      return res.status === 200 && res.body;
    });
    expect(stats.units.every((u: { path: string }) => u.path.includes(units['BR-MY']))).toBe(true);
    // The exam list's progress is the branch's too.
    const mine = await branchTrainer.get(`/api/exams?filter=${encodeURIComponent(JSON.stringify({ id: exam.id }))}`);
    expect(mine.body[0].progress).toEqual({ assigned: stats.units[0].assigned, finished: stats.units[0].attempted, passed: stats.units[0].passed });
    expect((await branchTrainer.post(`/api/exams/${exam.id}/grants`, { userId: created.body.id, extraAttempts: 1, reason: 'x' })).status).toBe(403);
    const head = await trainer.get(`/api/exams/${exam.id}/statistics?attempts=all`);
    expect(head.status).toBe(200);
    expect(head.body.units.find((u: { orgUnitId: string }) => u.orgUnitId === units['BR-ZY']).assigned).toBeGreaterThan(0);
  });

  it('SIGKILL of the training service during a 200-taker save run loses no acknowledged answer and grades every attempt once; the results export has a row each', async () => {
    const TAKERS = 200;
    const SLOTS = 5;
    // Takers written as the gateway and the directory replica hold them (no password hashing for 200 users), with tokens signed like the login's.
    const outlets = await stack.sql<{ id: string }>('gateway', `SELECT id FROM org_unit WHERE type = 'outlet' ORDER BY code`);
    const takers = Array.from({ length: TAKERS }, (_, i) => ({ id: randomUUID(), username: `kill${i}`, unit: outlets[i % outlets.length].id }));
    const rows = JSON.stringify(takers.map((t) => ({ id: t.id, username: t.username, org_unit_id: t.unit })));
    await stack.sql('gateway', `INSERT INTO app_user (id, username, display_name, password_hash, org_unit_id, roles) SELECT r.id, r.username, r.username, 'x', r.org_unit_id, '{staff}' FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, username text, org_unit_id uuid)`, [rows]);
    await stack.sql('training', `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version) SELECT r.id, r.username, r.username, r.org_unit_id, '{staff}', true, 1 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, username text, org_unit_id uuid) ON CONFLICT DO NOTHING`, [rows]);
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const tokenFor = (t: { id: string; username: string }) => {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: t.id, username: t.username, iat: now, exp: now + 3600 })}`;
      return `${unsigned}.${createHmac('sha256', stack.jwtSecret).update(unsigned).digest('base64url')}`;
    };
    const clients = takers.map((t) => api(stack.baseUrl, tokenFor(t)));
    const exam = await published({ title: 'SIGKILL 演练', drawRules: [{ tag: '测试专题', count: SLOTS, points: 20 }], audienceUnitIds: [] });

    const papers: AttemptView[] = [];
    for (let i = 0; i < TAKERS; i += 25) {
      const batch = await Promise.all(clients.slice(i, i + 25).map((c) => c.post(`/api/exams/${exam.id}/attempts`)));
      for (const r of batch) {
        expect(r.status).toBe(201);
        papers.push(r.body);
      }
    }

    // Each taker saves its slots one after the other with a rising sequence; what failed for the outage (5xx) is sent again, same answer, next sequence.
    const acknowledged = new Map<string, unknown>();
    let failedForOutage = 0;
    const taker = async (n: number) => {
      const paper = papers[n];
      let seq = 0;
      for (let slot = 1; slot <= SLOTS; slot++) {
        const item = paper.items[slot - 1];
        const option = item.options[(n + slot) % item.options.length].id;
        const answer = item.type === 'multiple' ? [option] : option;
        for (let attempt = 1; ; attempt++) {
          const res = await clients[n].put(`/api/attempts/${paper.id}/answers/${slot}`, { answer, seq: ++seq });
          if (res.status === 200) {
            acknowledged.set(`${paper.id}:${slot}`, answer);
            break;
          }
          if (res.status < 500 || attempt >= 10) throw new Error(`taker ${n} slot ${slot}: ${res.status} ${JSON.stringify(res.body)} after ${attempt} tries`);
          failedForOutage++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const t0 = Date.now();
    const run = Promise.all(papers.map((_, n) => taker(n)));
    await waitFor(() => acknowledged.size >= (TAKERS * SLOTS) / 4, { timeoutMs: 30_000, intervalMs: 10, what: 'a quarter of the saves acknowledged' });
    const victim = stack.processes.find((p) => p.name.includes('-training-'))!.name;
    await stack.faults.kill(victim, 'SIGKILL');
    const killedAfter = acknowledged.size;
    expect(killedAfter).toBeLessThan(TAKERS * SLOTS); // killed under load, not after it
    stack.faults.respawn(victim);
    await run;
    expect(acknowledged.size).toBe(TAKERS * SLOTS);

    // Half submit; the exam "closes" for the rest, whom the sweep submits with what was saved.
    const submits = await Promise.all(papers.slice(0, TAKERS / 2).map((p, n) => clients[n].post(`/api/attempts/${p.id}/submit`)));
    expect(submits.every((r) => r.status === 200)).toBe(true);
    await stack.sql('training', `UPDATE attempt SET deadline_at = now() WHERE exam_id = $1 AND status = 'in_progress'`, [exam.id]);
    await waitFor(async () => (await stack.sql<{ n: number }>('training', `SELECT count(*)::int AS n FROM attempt WHERE exam_id = $1 AND status = 'in_progress'`, [exam.id]))[0].n === 0, {
      timeoutMs: 20_000,
      what: 'every attempt submitted',
    });

    // No acknowledged answer lost (each slot's stored answer is the acknowledged one), every attempt graded, one submitted event each.
    const stored = await stack.sql<{ attempt_id: string; slot: number; answer: unknown }>('training', `SELECT i.attempt_id, i.slot, i.answer FROM attempt_item i JOIN attempt a ON a.id = i.attempt_id WHERE a.exam_id = $1`, [exam.id]);
    const lost = stored.filter((s) => JSON.stringify(s.answer) !== JSON.stringify(acknowledged.get(`${s.attempt_id}:${s.slot}`)));
    expect(lost).toEqual([]);
    expect(stored).toHaveLength(TAKERS * SLOTS);
    const graded = await stack.sql<{ id: string; status: string; score: string | null; submitted_by: string; events: number }>(
      'training',
      `SELECT a.id, a.status, a.score, a.submitted_by, (SELECT count(*)::int FROM outbox_event e WHERE e.subject = 'events.training.attempt.submitted' AND e.payload->>'aggregateId' = a.id::text) AS events
         FROM attempt a WHERE a.exam_id = $1`,
      [exam.id],
    );
    expect(graded).toHaveLength(TAKERS);
    expect(graded.filter((a) => a.status !== 'submitted' || a.score === null || a.events !== 1)).toEqual([]);
    expect(graded.filter((a) => a.submitted_by === 'deadline')).toHaveLength(TAKERS / 2);
    console.log(`SIGKILL run: ${TAKERS} takers × ${SLOTS} saves, killed after ${killedAfter} acknowledged, ${failedForOutage} sends failed for the outage and were retried; ${((Date.now() - t0) / 1000).toFixed(1)} s to all acknowledged`);

    // 成绩导出: one row per attempt on sheet 成绩, the item statistics on 试题分析.
    const file = await trainer.get(`/api/exams/${exam.id}/results/export?attempts=all`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as ArrayBuffer);
    expect(wb.getWorksheet('成绩')!.rowCount).toBe(TAKERS + 1);
    expect(wb.getWorksheet('试题分析')!.getRow(2).getCell(2).value).toMatch(/投诉处理时限/);
    expect((await staff.get(`/api/exams/${exam.id}/results/export`)).status).toBe(403);

    // 参考进度 in the exam list: every taker finished, the passes counted from the stored grades, the audience as the results page counts it.
    const [{ passed }] = await stack.sql<{ passed: number }>('training', `SELECT count(*)::int AS passed FROM attempt a JOIN exam e ON e.id = a.exam_id WHERE a.exam_id = $1 AND a.percent >= e.pass_percent`, [exam.id]);
    const stats = await trainer.get(`/api/exams/${exam.id}/statistics`);
    const listed = await trainer.get(`/api/exams?filter=${encodeURIComponent(JSON.stringify({ id: exam.id }))}`);
    expect(listed.status).toBe(200);
    expect(listed.body[0].progress).toEqual({ assigned: stats.body.units[0].assigned, finished: TAKERS, passed });
    expect(stats.body.units[0].passed).toBe(passed);
    expect(passed).toBeGreaterThan(0);
  }, 120_000);
});
