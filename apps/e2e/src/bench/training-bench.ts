/**
 * Training benchmark (issue #9), not part of the test run:
 *
 *   npm run bench:training          (TAKERS=2000 SAVE_RATE=200 SAVE_SECONDS=30 STATS_ATTEMPTS=20000 KILL=1)
 *
 * On a private stack (gateway + training service, loopback), a competition with TAKERS
 * simulated takers drawing 30 of 100 questions:
 *   1. starts: every taker starts an attempt (closed loop, 32 in flight);
 *   2. autosave at a stated offered load: SAVE_RATE saves/s for SAVE_SECONDS (open loop, one
 *      save per question per taker, with a rising sequence), p50/p95/p99 from the scheduled
 *      start; with KILL=1 the training service is SIGKILLed halfway and started again;
 *   3. the remaining answers are saved (closed loop), then 90 % of takers submit (closed loop);
 *   4. the exam "closes" for the other 10 % (their deadline is set to now): time until the
 *      deadline sweep has graded every attempt;
 *   5. checks: every save the API acknowledged is in the database (0 answers lost), every
 *      attempt is submitted and graded exactly once (one training.attempt.submitted event each);
 *   6. item statistics over STATS_ATTEMPTS attempts × 100 questions (rows written with SQL),
 *      timed through GET /api/exams/:id/statistics; then the exam list, whose progress
 *      figures (参考进度) read every submitted attempt of the listed exams.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { AttemptView } from '@xb/contracts/training';
import { waitFor } from '@xb/test-kit';
import { startStack } from '../stack.js';
import { closedLoop, GatewayClient, ms, openLoop, timings, type LoadResult } from './measure.js';

const TAKERS = Number(process.env.TAKERS ?? 2000);
const SAVE_RATE = Number(process.env.SAVE_RATE ?? 200);
const SAVE_SECONDS = Number(process.env.SAVE_SECONDS ?? 30);
const STATS_ATTEMPTS = Number(process.env.STATS_ATTEMPTS ?? 20000);
const KILL = process.env.KILL !== '0';
const QUESTIONS = 30;

const line = (label: string, r: LoadResult) =>
  console.log(`${label.padEnd(26)} ${r.ok} ok, ${r.failed} failed, ${r.rate.toFixed(0)}/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}${r.failed ? `  ${JSON.stringify(r.errors)}` : ''}`);

const stack = await startStack({
  name: 'bench_training',
  services: ['training'],
  env: { training: { LOG_LEVEL: 'warn', TRAINING_SWEEP_INTERVAL_MS: '500', TRAINING_ANSWER_GRACE_MS: '1000' }, gateway: { LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '30000' } },
});
const client = new GatewayClient(stack.baseUrl, 64);
try {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const tokenFor = (id: string, username: string) => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: id, username, iat: now, exp: now + 7200 })}`;
    return `${unsigned}.${createHmac('sha256', stack.jwtSecret).update(unsigned).digest('base64url')}`;
  };
  const trainer = await stack.login('trainer');
  const outlets = await stack.sql<{ id: string; path: string }>('gateway', `SELECT id, path FROM org_unit WHERE type = 'outlet' ORDER BY code`);

  // Takers: users of the outlets, written as the gateway and the replica would hold them (no password hashing for 2,000 users).
  const takers = Array.from({ length: TAKERS }, (_, i) => ({ id: randomUUID(), username: `bench${i}`, unit: outlets[i % outlets.length] }));
  const rows = JSON.stringify(takers.map((t) => ({ id: t.id, username: t.username, org_unit_id: t.unit.id })));
  await stack.sql('gateway', `INSERT INTO app_user (id, username, display_name, password_hash, org_unit_id, roles) SELECT r.id, r.username, r.username, 'x', r.org_unit_id, '{staff}' FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, username text, org_unit_id uuid)`, [rows]);
  await stack.sql('training', `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version) SELECT r.id, r.username, r.username, r.org_unit_id, '{staff}', true, 1 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, username text, org_unit_id uuid) ON CONFLICT DO NOTHING`, [rows]);
  const tokens = takers.map((t) => tokenFor(t.id, t.username));

  // 100 questions (one import), a competition drawing 30.
  const header = 'type,stem,A,B,C,D,E,correct,explanation,tags,difficulty,regulation';
  const csv = [header, ...Array.from({ length: 100 }, (_, i) => `单选,压测题${i}：金融消费者享有几项基本权利？,六项,七项,八项,九项,,C,八项权利,压测,${1 + (i % 5)},`)].join('\n');
  await client.request('POST', '/api/questions/import', trainer, { csv });
  const exam = JSON.parse(
    (
      await client.request('POST', '/api/exams', trainer, {
        title: '压测竞赛',
        kind: 'competition',
        drawRules: [{ tag: '压测', count: QUESTIONS, points: 1 }],
        timeLimitMinutes: 60,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        passPercent: 60,
        attemptsAllowed: 1,
        gradingMethod: 'highest',
        reviewAfterSubmit: 'score',
        reviewAfterClose: 'score',
        audienceUnitIds: [],
        audienceRoles: [],
      }, 201)
    ).toString(),
  ) as { id: string };
  await client.request('POST', `/api/exams/${exam.id}/publish`, trainer);
  console.log(`training benchmark: ${TAKERS} takers × ${QUESTIONS} drawn questions; offered save load ${SAVE_RATE}/s for ${SAVE_SECONDS} s${KILL ? ', SIGKILL of the service halfway' : ''}`);

  // 1. Starts.
  const papers: AttemptView[] = new Array(TAKERS);
  line('start', await closedLoop(32, 600, TAKERS, async (n) => {
    papers[n] = JSON.parse((await client.request('POST', `/api/exams/${exam.id}/attempts`, tokens[n], undefined, 201)).toString()) as AttemptView;
  }));

  // 2. Saves at the offered load (one per question per taker, in slot order; seq = slot).
  const saves = TAKERS * QUESTIONS;
  const acknowledged: { attempt: string; slot: number; answer: string }[] = [];
  const save = async (k: number, seqBase = 0) => {
    const taker = k % TAKERS;
    const slot = Math.floor(k / TAKERS) + 1;
    const paper = papers[taker];
    const answer = paper.items[slot - 1].options[k % 4].id;
    try {
      await client.request('PUT', `/api/attempts/${paper.id}/answers/${slot}`, tokens[taker], { answer, seq: seqBase + slot });
    } catch (err) {
      // Tallied by status and message, not by attempt (the error counts group by their first 120 characters).
      throw new Error((err as Error).message.replace(/\/api\/attempts\/[0-9a-f-]{36}\/answers\/\d+/, '/api/attempts/:id/answers/:slot'), { cause: err });
    }
    acknowledged.push({ attempt: paper.id, slot, answer });
  };
  const openCount = Math.min(saves, SAVE_RATE * SAVE_SECONDS);
  let killedAt = '';
  const killer = KILL
    ? (async () => {
        await new Promise((r) => setTimeout(r, (SAVE_SECONDS * 1000) / 2));
        const victim = stack.processes.find((p) => p.name.includes('-training-'))!.name;
        const t0 = performance.now();
        await stack.faults.kill(victim, 'SIGKILL');
        stack.faults.respawn(victim);
        killedAt = `service SIGKILLed after ${SAVE_SECONDS / 2} s and started again (${((performance.now() - t0) / 1000).toFixed(1)} s to respawn)`;
      })()
    : Promise.resolve();
  const offered = await openLoop(SAVE_RATE, openCount / SAVE_RATE, 2000, save);
  await killer;
  line(`autosave @${SAVE_RATE}/s`, offered);
  if (killedAt) console.log(`  ${killedAt}; saves refused or cut off while it was down: ${offered.failed} (never acknowledged, so not "lost")`);
  // Saves the kill cut off are sent again (a client retries), then the rest at full speed.
  await waitFor(async () => (await stack.sql('gateway', 'SELECT 1')).length === 1);
  const remaining: number[] = [];
  const done = new Set(acknowledged.map((a) => `${a.attempt}:${a.slot}`));
  for (let k = 0; k < saves; k++) if (papers[k % TAKERS] && !done.has(`${papers[k % TAKERS].id}:${Math.floor(k / TAKERS) + 1}`)) remaining.push(k);
  // Retried saves need a sequence above anything the taker sent (a client keeps counting): 100 + slot, in slot order per taker.
  // A taker's client saves one answer after the other: a save waits for the taker's previous one (without
  // that, a slow save overtaken by the same taker's next slot is a genuine stale write, 409).
  const previous = new Map<number, Promise<unknown>>();
  line('autosave (rest, closed)', await closedLoop(32, 900, remaining.length, async (i) => {
    const taker = remaining[i] % TAKERS;
    const mine = (previous.get(taker) ?? Promise.resolve()).catch(() => undefined).then(() => save(remaining[i], 100));
    previous.set(taker, mine);
    await mine;
  }));

  // 3. 90 % submit.
  const submitters = Math.floor(TAKERS * 0.9);
  line('submit', await closedLoop(32, 600, submitters, async (n) => {
    if (papers[n]) await client.request('POST', `/api/attempts/${papers[n].id}/submit`, tokens[n]);
  }));

  // 4. Close for the others: time until the sweep has graded every attempt.
  const closedAt = Date.now();
  await stack.sql('training', `UPDATE attempt SET deadline_at = now() WHERE exam_id = $1 AND status = 'in_progress'`, [exam.id]);
  await waitFor(async () => (await stack.sql<{ n: number }>('training', `SELECT count(*)::int AS n FROM attempt WHERE exam_id = $1 AND status = 'in_progress'`, [exam.id]))[0].n === 0, {
    timeoutMs: 120_000,
    intervalMs: 50,
    what: 'every attempt graded',
  });
  console.log(`close → every attempt graded  ${((Date.now() - closedAt) / 1000).toFixed(2)} s (${TAKERS - submitters} by the deadline sweep; grace 1 s, sweep every 0.5 s)`);

  // 5. Nothing lost, graded once.
  const stored = await stack.sql<{ attempt_id: string; slot: number; answer: string }>('training', `SELECT attempt_id, slot, answer FROM attempt_item i JOIN attempt a ON a.id = i.attempt_id WHERE a.exam_id = $1 AND i.answer IS NOT NULL`, [exam.id]);
  const storedMap = new Map(stored.map((s) => [`${s.attempt_id}:${s.slot}`, s.answer]));
  const lost = acknowledged.filter((a) => storedMap.get(`${a.attempt}:${a.slot}`) !== a.answer).length;
  const [graded] = await stack.sql<{ attempts: number; graded: number; events: number }>(
    'training',
    `SELECT (SELECT count(*)::int FROM attempt WHERE exam_id = $1) AS attempts, (SELECT count(*)::int FROM attempt WHERE exam_id = $1 AND status = 'submitted' AND score IS NOT NULL) AS graded,
            (SELECT count(*)::int FROM outbox_event WHERE subject = 'events.training.attempt.submitted' AND payload->'payload'->>'examId' = $1::text) AS events`,
    [exam.id],
  );
  console.log(`answers acknowledged ${acknowledged.length}, lost ${lost}; attempts ${graded.attempts}, graded ${graded.graded}, submitted events ${graded.events} (once each: ${graded.events === graded.attempts})`);

  // 6. Statistics for STATS_ATTEMPTS × 100.
  const statsExam = JSON.parse(
    (
      await client.request('POST', '/api/exams', trainer, {
        title: '统计压测',
        kind: 'exam',
        questions: [],
        drawRules: [{ tag: '压测', count: 100, points: 1 }],
        timeLimitMinutes: 60,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        passPercent: 60,
        attemptsAllowed: 1,
        gradingMethod: 'highest',
        reviewAfterSubmit: 'score',
        reviewAfterClose: 'score',
        audienceUnitIds: [],
        audienceRoles: [],
      }, 201)
    ).toString(),
  ) as { id: string };
  await client.request('POST', `/api/exams/${statsExam.id}/publish`, trainer);
  const t0 = performance.now();
  await stack.sql(
    'training',
    `INSERT INTO attempt (id, exam_id, user_id, username, org_unit_id, org_path, number, status, seed, started_at, deadline_at, finished_at, submitted_by, score, max_score, percent, passed)
     SELECT gen_random_uuid(), $1, gen_random_uuid(), 'u' || g, $2, $3, 1, 'submitted', g, now() - interval '1 hour', now(), now(), 'taker', 0, 100, 0, false FROM generate_series(1, $4) g`,
    [statsExam.id, outlets[0].id, outlets[0].path, STATS_ATTEMPTS],
  );
  await stack.sql(
    'training',
    `INSERT INTO attempt_item (attempt_id, slot, question_id, version, points, score, outcome)
     SELECT a.id, q.n, q.id, 1, 1, s.score, CASE WHEN s.score = 1 THEN 'correct' ELSE 'wrong' END
       FROM attempt a
       CROSS JOIN (SELECT id, row_number() OVER (ORDER BY id)::int AS n FROM question WHERE '压测' = ANY(tags)) q
       CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.35 + 0.5 * (a.seed % 100) / 100.0 - 0.003 * q.n THEN 1 ELSE 0 END AS score) s
      WHERE a.exam_id = $1`,
    [statsExam.id],
  );
  await stack.sql('training', `UPDATE attempt a SET score = t.s, percent = t.s, passed = t.s >= 60 FROM (SELECT attempt_id, sum(score) AS s FROM attempt_item GROUP BY attempt_id) t WHERE t.attempt_id = a.id AND a.exam_id = $1`, [statsExam.id]);
  // Settled rows, as results are when someone reads their statistics: hint bits and the visibility map set, statistics current
  // (without this the first reads of 2,000,000 fresh rows also write every page back).
  await stack.sql('training', 'VACUUM ANALYZE attempt');
  await stack.sql('training', 'VACUUM ANALYZE attempt_item');
  console.log(`statistics data: ${STATS_ATTEMPTS} attempts × 100 items written and vacuumed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const stats = await timings(5, 1, async () => void (await client.request('GET', `/api/exams/${statsExam.id}/statistics?attempts=all`, trainer)));
    console.log(`statistics ${STATS_ATTEMPTS}×100 (GET /api/exams/:id/statistics)  p50 ${ms(stats.p50)}  p95 ${ms(stats.p95)}  max ${ms(stats.max)} (${stats.runs} runs)`);
    // The exam list carries each exam's progress (参考进度): the trainer's list with both exams of this run (2,000 + STATS_ATTEMPTS attempts).
    const list = await timings(10, 2, async () => void (await client.request('GET', '/api/exams?range=[0,9]', trainer)));
    console.log(`exam list with progress (GET /api/exams, ${TAKERS + STATS_ATTEMPTS} attempts behind it)  p50 ${ms(list.p50)}  p95 ${ms(list.p95)}  max ${ms(list.max)} (${list.runs} runs)`);
  } catch (err) {
    // Printed, not thrown: the figures above stay on the screen and the stack still stops cleanly.
    console.log(`statistics ${STATS_ATTEMPTS}×100 FAILED: ${(err as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  client.close();
  // KEEP_DB=1 leaves the databases (xb_test_bench_training_*) for EXPLAIN ANALYZE afterwards.
  await stack.stop({ keepDatabases: process.env.KEEP_DB === '1' });
}
