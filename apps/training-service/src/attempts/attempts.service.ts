import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@xb/contracts';
import { SaveAnswerDto, type AnswerSavedView, type AttemptView } from '@xb/contracts/training';
import { badRequest, conflict, forbidden, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { assertActor, assertPermitted, idOf, inAudience } from '../common/access.js';
import type { TrainingConfig } from '../config/training.config.js';
import { ExamsRepository, type ExamRow } from '../exams/exams.repository.js';
import { QuestionsRepository } from '../questions/questions.repository.js';
import { TRAINING_CONFIG } from '../tokens.js';
import { AttemptsRepository, type AttemptRow, type AttemptShape } from './attempts.repository.js';
import { Grader } from './grader.js';
import { answerProblem, drawPaper, optionOrder, paperItem, reviewAtLeast, reviewLevel } from './paper.js';

const n = (v: string | null) => (v === null ? null : Number(v));
/** Papers whose shape is kept in memory for autosave (about 2 kB each). */
const SHAPE_CACHE_SIZE = 20_000;

/** 答题: attempts timed by the server. Takers never receive the key before their review level allows it. */
@Injectable()
export class AttemptsService {
  /** Attempt id → the shape of its paper (fixed at start; never changes). */
  private readonly shapes = new Map<string, AttemptShape>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly exams: ExamsRepository,
    private readonly questions: QuestionsRepository,
    private readonly grader: Grader,
    private readonly relay: OutboxRelay,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  /** Whether the actor is in the exam's audience (units from the directory replica, roles from the envelope). */
  async inAudienceOf(actor: Actor, exam: ExamRow, m?: EntityManager): Promise<boolean> {
    return inAudience(actor, await this.exams.unitPaths(exam.audience_unit_ids, m), exam.audience_roles);
  }

  async start(actor: Actor, data: unknown): Promise<AttemptView> {
    assertActor(actor);
    assertPermitted(actor, 'attempts', 'create');
    const examId = idOf(data);
    const id = randomUUID();
    const shape = await this.ds.transaction(async (m): Promise<AttemptShape> => {
      const exam = await this.exams.get(examId, m);
      if (!exam || exam.status !== 'published') throw notFound('Exam');
      if (!(await this.inAudienceOf(actor, exam, m))) throw forbidden('You are not in the audience of this exam');
      if (exam.previous_round_id && exam.qualify_top) {
        // 轮次: only the top N of the previous round go on (ties at the cut included).
        const rank = await this.attempts.rankIn(m, exam.previous_round_id, actor.id);
        if (rank === undefined || rank > exam.qualify_top) {
          throw forbidden(`Not qualified for this round: the top ${exam.qualify_top} of the previous round take it${rank === undefined ? ' (you have no result there)' : ` (your rank there: ${rank})`}`);
        }
      }
      await this.attempts.lockTaker(m, examId, actor.id);
      const mine = await this.attempts.takerAttempts(m, examId, actor.id);
      const now = new Date();
      const inWindow = now >= exam.opens_at && now < exam.closes_at;
      const makeUp = !inWindow && !!exam.make_up_until && now >= exam.closes_at && now < exam.make_up_until && !mine.some((a) => a.passed === true);
      if (!inWindow && !makeUp) throw forbidden(now < exam.opens_at ? 'The exam is not open yet' : 'The exam is closed');
      if (mine.some((a) => a.status === 'in_progress')) throw conflict('An attempt is already in progress');
      const grants = await this.exams.grantsOf(examId, actor.id, m);
      if (mine.length >= exam.attempts_allowed + grants.attempts) throw conflict('No attempts left');
      const seed = randomInt(0, 2 ** 31);
      // One after another: they share the transaction's connection (parallel queries on one client are deprecated in pg).
      const pools: string[][] = [];
      for (const r of exam.draw_rules) pools.push(await this.questions.poolIds(r.tag, r.difficulty, m));
      let drawn;
      try {
        drawn = drawPaper({ fixed: exam.questions, rules: exam.draw_rules.map((r, i) => ({ ...r, pool: pools[i] })), shuffleQuestions: exam.shuffle_questions, seed });
      } catch (err) {
        throw conflict(`The question bank can no longer fill this exam: ${(err as Error).message}`);
      }
      const versions = await this.attempts.drawVersions(m, drawn.map((d) => d.questionId));
      const end = new Date(Math.min(now.getTime() + exam.time_limit_minutes * 60_000, (makeUp ? exam.make_up_until! : exam.closes_at).getTime()) + grants.minutes * 60_000);
      await this.attempts.insertAttempt(m, { id, examId, user: actor, number: (mine.at(-1)?.number ?? 0) + 1, seed, startedAt: now, deadlineAt: end });
      const items = drawn.map((d, slot) => {
        const v = versions.get(d.questionId);
        if (!v) throw conflict('A question of this exam has left the bank');
        const keys = v.type === 'true_false' ? [] : optionOrder(v.options.map((o) => o.key), exam.shuffle_options, seed, slot);
        return { slot: slot + 1, type: v.type, questionId: d.questionId, version: v.version, points: d.points, optionKeys: keys, optionIds: keys.map(() => randomBytes(6).toString('base64url')) };
      });
      await this.attempts.insertItems(m, id, items);
      return { userId: actor.id, slots: new Map(items.map((it) => [it.slot, { type: it.type, optionIds: it.optionIds }])) };
    });
    this.remember(id, shape);
    return this.view(actor, (await this.attempts.get(id))!);
  }

  /** The attempt as its taker (or a trainer reading results) may see it now. */
  async view(actor: Actor, a: AttemptRow, m?: EntityManager): Promise<AttemptView> {
    const exam = (await this.exams.get(a.exam_id, m))!;
    const now = new Date();
    const level = reviewLevel(a.status === 'submitted', now >= exam.closes_at, exam.review_after_submit, exam.review_after_close);
    const fixes = level === 'none' ? new Map() : await this.exams.keyFixes(exam.id, m);
    const items = await this.attempts.items([a.id], m);
    const showScore = reviewAtLeast(level, 'score');
    return {
      id: a.id,
      examId: a.exam_id,
      examTitle: exam.title,
      userId: a.user_id,
      number: a.number,
      status: a.status,
      startedAt: a.started_at.toISOString(),
      deadlineAt: a.deadline_at.toISOString(),
      serverNow: now.toISOString(),
      finishedAt: a.finished_at?.toISOString() ?? null,
      submittedBy: a.submitted_by,
      lastSeq: a.last_seq,
      review: level,
      ...(showScore ? { score: n(a.score), maxScore: n(a.max_score), percent: n(a.percent), passed: a.passed } : {}),
      items: items.map((it) => paperItem(it, level, fixes.get(it.questionId))),
    };
  }

  /** A taker reads only their own attempts (404 otherwise: existence does not leak). */
  private async own(actor: Actor, id: string, m?: EntityManager, lock = false): Promise<AttemptRow> {
    const a = await this.attempts.get(id, m, lock);
    if (!a || a.user_id !== actor.id) throw notFound('Attempt');
    return a;
  }

  async get(actor: Actor, data: unknown): Promise<AttemptView> {
    assertPermitted(actor, 'attempts', 'show');
    return this.view(actor, await this.own(actor, idOf(data)));
  }

  /** The shape of an attempt's paper (its taker, each slot's type and option ids), from memory when seen before. */
  private async shapeOf(id: string): Promise<AttemptShape | undefined> {
    const known = this.shapes.get(id);
    if (known) return known;
    const shape = await this.attempts.shape(id);
    if (shape) this.remember(id, shape);
    return shape;
  }

  private remember(id: string, shape: AttemptShape): void {
    this.shapes.set(id, shape);
    // Oldest first out: a Map iterates in insertion order.
    if (this.shapes.size > SHAPE_CACHE_SIZE) this.shapes.delete(this.shapes.keys().next().value!);
  }

  /**
   * Autosave of one answer: in progress, before the deadline (+ grace), with a sequence above
   * the last. The answer is checked against the paper's shape (immutable, kept in memory after
   * the first save), then written in one statement — one database round trip per save.
   */
  async save(actor: Actor, data: unknown): Promise<AnswerSavedView> {
    assertPermitted(actor, 'attempts', 'edit');
    const id = idOf(data);
    const slot = Number((data as { slot?: unknown }).slot);
    if (!Number.isInteger(slot) || slot < 1) throw badRequest('Validation failed', [{ field: 'slot', message: 'slot must be a whole number ≥ 1' }]);
    const dto = await validateDto(SaveAnswerDto, (data as { body?: unknown }).body);
    const answer = (data as { body: { answer?: unknown } }).body.answer;
    if (answer === undefined) throw badRequest('Validation failed', [{ field: 'answer', message: 'answer is required (null clears it)' }]);
    const shape = await this.shapeOf(id);
    if (!shape || shape.userId !== actor.id) throw notFound('Attempt');
    const item = shape.slots.get(slot);
    if (!item) throw badRequest('Validation failed', [{ field: 'slot', message: `the paper has no slot ${slot}` }]);
    const problem = answerProblem(item, answer);
    if (problem) throw badRequest('Validation failed', [{ field: 'answer', message: problem }]);
    const out = await this.attempts.saveAnswer(id, actor.id, slot, answer, dto.seq, this.config.TRAINING_ANSWER_GRACE_MS);
    if (out.saved) return { slot, seq: dto.seq, savedAt: out.savedAt.toISOString(), deadlineAt: out.deadlineAt.toISOString() };
    switch (out.why) {
      case 'not-found':
        throw notFound('Attempt');
      case 'submitted':
        throw conflict('The attempt is already submitted');
      case 'stale':
        throw conflict(`Stale write: sequence ${dto.seq} is not above the last saved ${out.lastSeq} (another tab?)`);
      case 'deadline':
        throw conflict('Time is up: the deadline has passed');
      default:
        throw conflict('The attempt changed while saving (submitted, or a newer save from another tab): reload it');
    }
  }

  /** Submit: grades once; a second submit (or one racing the sweep) answers the same result. */
  async submit(actor: Actor, data: unknown): Promise<AttemptView> {
    assertPermitted(actor, 'attempts', 'submit');
    const id = idOf(data);
    const done = await this.ds.transaction(async (m) => {
      const a = await this.own(actor, id, m, true);
      if (a.status === 'in_progress') {
        const late = Date.now() > a.deadline_at.getTime() + this.config.TRAINING_ANSWER_GRACE_MS;
        await this.grader.gradeAndStore(m, [a], () => (late ? { finishedAt: a.deadline_at, by: 'deadline' } : { finishedAt: new Date(), by: 'taker' }));
        return true;
      }
      return false;
    });
    if (done) this.relay.kick();
    return this.view(actor, (await this.attempts.get(id))!);
  }
}
