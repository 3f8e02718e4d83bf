/**
 * Loads the training demo (`npm start` runs this after the gateway seed): the 120-question
 * bank, a practice quiz, the all-staff exam with attempts already taken by the demo users, a
 * knowledge competition with its leaderboard, and two training sessions with attendance.
 * Everything goes through the service's own classes (the same rules as the API). Idempotent:
 * a second run finds the bank and the demo exams and creates nothing.
 *
 * Input: DEMO_DIRECTORY_FILE, the org units and users the gateway seed wrote.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { Actor, Role } from '@xb/contracts';
import type { AttemptView, ExamDto, ExamView } from '@xb/contracts/training';
import { createLogger, DirectoryReplica, loadConfig, PinoNestLogger } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { AttemptsRepository } from '../attempts/attempts.repository.js';
import { AttemptsService } from '../attempts/attempts.service.js';
import { seededRandom } from '../common/random.js';
import { TrainingConfig } from '../config/training.config.js';
import { ExamsService } from '../exams/exams.service.js';
import { QuestionsService } from '../questions/questions.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { demoQuestions } from './demo-questions.js';

interface DemoDirectory {
  units: { code: string; id: string; name: string; path: string }[];
  users: { username: string; id: string; roles: Role[]; orgUnitId: string; orgPath: string; atHeadOffice: boolean }[];
}

const file = process.env.DEMO_DIRECTORY_FILE;
if (!file) throw new Error('DEMO_DIRECTORY_FILE must name the directory written by the gateway seed');
const directory = JSON.parse(readFileSync(file, 'utf8')) as DemoDirectory;
const config = loadConfig(TrainingConfig, { ...process.env, TRAINING_SWEEP_INTERVAL_MS: '0' });
const logger = createLogger('training-demo', config.LOG_LEVEL);
const actorOf = (u: DemoDirectory['users'][number]): Actor => ({ id: u.id, username: u.username, roles: u.roles, orgUnitId: u.orgUnitId, orgPath: u.orgPath, atHeadOffice: u.atHeadOffice });
const byName = (username: string) => {
  const u = directory.users.find((x) => x.username === username);
  if (!u) throw new Error(`the directory has no user ${username}`);
  return actorOf(u);
};
const trainer = byName('trainer');
const takers = directory.users.filter((u) => u.roles.includes('staff')).map(actorOf);

const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, logger }), { logger: new PinoNestLogger(logger) });
await app.get(DirectoryReplica).loadSnapshot();
const ds = app.get(DataSource);
const questions = app.get(QuestionsService);
const exams = app.get(ExamsService);
const attempts = app.get(AttemptsService);
const attemptRows = app.get(AttemptsRepository);
const sessions = app.get(SessionsService);
const day = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const made = { questions: 0, exams: 0, attempts: 0, sessions: 0, attendance: 0 };

const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM question`)) as { n: number }[];
if (n === 0) {
  for (const q of demoQuestions()) {
    await questions.create(trainer, q);
    made.questions++;
  }
}

const TAGS = ['八项权利', '投诉处理', '个人信息保护', '反诈', '理财适当性'];
const base = (over: Partial<ExamDto> & Pick<ExamDto, 'title' | 'kind'>): ExamDto => ({
  drawRules: TAGS.map((tag) => ({ tag, count: 4, points: 5 })),
  questions: [],
  timeLimitMinutes: 30,
  opensAt: at(-10 * day),
  closesAt: at(5 * day),
  passPercent: 60,
  attemptsAllowed: 1,
  gradingMethod: 'highest',
  reviewAfterSubmit: 'score',
  reviewAfterClose: 'explanations',
  audienceUnitIds: [],
  audienceRoles: ['staff'],
  ...over,
});

/** Takes an attempt as `who`, answering each question right with probability `skill`, then submits. */
async function take(who: Actor, exam: ExamView, skill: number, seed: number): Promise<void> {
  const paper: AttemptView = await attempts.start(who, { id: exam.id });
  const random = seededRandom(seed);
  const items = await attemptRows.items([paper.id]);
  let seq = 0;
  for (const it of items) {
    if (random() < 0.05) continue; // left unanswered
    const right = random() < skill;
    const toId = (key: string) => it.optionIds[it.optionKeys.indexOf(key)];
    let answer: unknown;
    if (it.type === 'true_false') answer = right ? it.correct : !it.correct;
    else if (it.type === 'single') answer = toId(right ? (it.correct as string) : it.optionKeys.find((k) => k !== it.correct)!);
    else answer = right ? (it.correct as string[]).map(toId) : [toId(it.optionKeys[it.optionKeys.length - 1])];
    await attempts.save(who, { id: paper.id, slot: it.slot, body: { answer, seq: ++seq } });
  }
  await attempts.submit(who, { id: paper.id });
  made.attempts++;
}

async function demoExam(dto: ExamDto, skillOf: (i: number) => number, takersOf: Actor[]): Promise<void> {
  const [found] = (await ds.query(`SELECT id FROM exam WHERE title = $1`, [dto.title])) as { id: string }[];
  if (found) return;
  const draft = await exams.create(trainer, dto);
  const exam = await exams.publish(trainer, { id: draft.id });
  made.exams++;
  for (const [i, who] of takersOf.entries()) await take(who, exam, skillOf(i), 1000 + i * 7919 + dto.title.length);
}

await demoExam(
  base({ title: '消保知识每日一练', kind: 'practice', drawRules: [{ tag: '八项权利', count: 5, points: 10 }, { tag: '反诈', count: 5, points: 10 }], attemptsAllowed: 10, reviewAfterSubmit: 'explanations', timeLimitMinutes: 15, closesAt: at(60 * day) }),
  () => 0.8,
  takers.slice(0, 3),
);
await demoExam(base({ title: '2026年全员消费者权益保护知识考试', kind: 'exam', closesAt: at(5 * day) }), (i) => [0.95, 0.85, 0.7, 0.55, 0.45, 0.9, 0.65, 0.8][i % 8], takers);
await demoExam(
  base({ title: '消保知识竞赛（初赛）', kind: 'competition', round: 1, timeLimitMinutes: 20, drawRules: TAGS.map((tag) => ({ tag, count: 4, points: 5 })), reviewAfterSubmit: 'answers' }),
  (i) => [0.9, 0.75, 0.95, 0.6, 0.85, 0.7, 0.8, 0.5][i % 8],
  takers,
);

const [session] = (await ds.query(`SELECT id FROM training_session LIMIT 1`)) as { id: string }[];
if (!session) {
  const first = await sessions.create(trainer, {
    title: '消保知识专题培训（第一期）：八项权利与投诉处理时限',
    audienceUnitIds: [],
    audienceRoles: ['staff'],
    startsAt: at(-10 * day),
    endsAt: at(-10 * day + 3 * 3_600_000),
    venue: '总行三楼培训中心',
    online: false,
    hours: 3,
  });
  const marked = await sessions.mark(trainer, { id: first.id, body: { userIds: takers.map((t) => t.id) } });
  made.attendance += marked.recorded;
  const second = await sessions.create(trainer, {
    title: '反电信网络诈骗宣传培训（网点负责人）',
    audienceUnitIds: [],
    audienceRoles: ['staff'],
    startsAt: at(-3_600_000),
    endsAt: at(2 * 3_600_000),
    online: true,
    hours: 1.5,
  });
  const [{ check_in_code: code }] = (await ds.query(`SELECT check_in_code FROM training_session WHERE id = $1`, [second.id])) as { check_in_code: string }[];
  for (const who of takers.slice(0, Math.ceil(takers.length / 2))) {
    await sessions.checkIn(who, { id: second.id, body: { code } });
    made.attendance++;
  }
  made.sessions = 2;
}

logger.info(made, 'training demo loaded');
await app.close();
