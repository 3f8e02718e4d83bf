import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, ListResult } from '@xb/contracts';
import { EXAM_LIST, TRAINING_EVENTS, DrawRuleDto, ExamDto, GrantDto, type ExamProgress, type ExamView, type GrantResultView, type PoolSizesView } from '@xb/contracts/training';
import { appendEvent, asList, badRequest, conflict, DirectoryQueries, forbidden, listQueryOf, notFound, OutboxRelay, unprocessable, validateDto } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { assertActor, assertPermitted, idOf, inScope, may, scopeOf } from '../common/access.js';
import { examGrades, type FinishedAttempt } from '../statistics/attempt-selection.js';
import { updateReturning } from '../common/sql.js';
import { QuestionsRepository } from '../questions/questions.repository.js';
import { ExamsRepository, type ExamRow } from './exams.repository.js';

/** Whether a draft's rules can be drawn from: every rule's pool, and the rules together, hold enough active questions. */
export function drawProblems(rules: readonly { count: number }[], pools: readonly string[][], fixed: readonly string[], activeFixed: ReadonlySet<string>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  fixed.forEach((id, i) => {
    if (!activeFixed.has(id)) problems.push({ field: `questions[${i}].questionId`, message: 'is not an active question of the bank' });
  });
  if (new Set(fixed).size !== fixed.length) problems.push({ field: 'questions', message: 'lists a question twice' });
  rules.forEach((r, i) => {
    if (pools[i].length < r.count) problems.push({ field: `drawRules[${i}]`, message: `draws ${r.count} but its pool holds ${pools[i].length} active question(s)` });
  });
  if (!problems.length && rules.length > 1) {
    const union = new Set(pools.flat().filter((id) => !fixed.includes(id)));
    const wanted = rules.reduce((s, r) => s + r.count, 0);
    if (union.size < wanted) problems.push({ field: 'drawRules', message: `the rules draw ${wanted} distinct questions but their pools together hold ${union.size}` });
  }
  if (fixed.length === 0 && rules.length === 0) problems.push({ field: 'questions', message: 'an exam needs fixed questions or draw rules' });
  return problems;
}

/** 考试 / 竞赛: drafts are edited freely; publishing checks the rules and freezes them. */
@Injectable()
export class ExamsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly exams: ExamsRepository,
    private readonly questions: QuestionsRepository,
    private readonly directory: DirectoryQueries,
    private readonly relay: OutboxRelay,
  ) {}

  /** 参考进度 of published exams in the reader's scope; drafts have none. */
  async progressOf(actor: Actor, rows: readonly ExamRow[]): Promise<Map<string, ExamProgress>> {
    const published = rows.filter((e) => e.status === 'published');
    const { assigned, attempts } = await this.exams.progress(
      published.map((e) => e.id),
      scopeOf(actor),
    );
    const byExam = new Map<string, FinishedAttempt[]>();
    for (const a of attempts) {
      const list = byExam.get(a.exam_id) ?? [];
      list.push({ attemptId: '', userId: a.user_id, number: a.number, percent: a.percent === null ? null : Number(a.percent) });
      byExam.set(a.exam_id, list);
    }
    const out = new Map<string, ExamProgress>();
    for (const e of published) {
      const grades = examGrades(byExam.get(e.id) ?? [], e.grading_method);
      const pass = Number(e.pass_percent);
      out.set(e.id, { assigned: assigned.get(e.id) ?? 0, finished: grades.size, passed: [...grades.values()].filter((g) => g !== null && g >= pass).length });
    }
    return out;
  }

  async view(actor: Actor, e: ExamRow, progress?: Map<string, ExamProgress>): Promise<ExamView> {
    const figures = progress ?? (await this.progressOf(actor, [e]));
    const pools = await Promise.all(e.draw_rules.map((r) => this.questions.poolIds(r.tag, r.difficulty)));
    const manage = inScope(actor, e.org_path);
    const actions: string[] = [];
    if (e.status === 'draft' && manage && may(actor, 'exams', 'edit')) actions.push('edit');
    if (e.status === 'draft' && manage && may(actor, 'exams', 'publish')) actions.push('publish');
    if (e.status === 'published' && manage && may(actor, 'exams', 'grant')) actions.push('grant');
    if (e.status === 'published' && manage && may(actor, 'exams', 'regrade')) actions.push('regrade');
    if (e.status === 'published' && may(actor, 'exam-results', 'list')) actions.push('results');
    return {
      id: e.id,
      title: e.title,
      kind: e.kind,
      status: e.status,
      orgUnitId: e.org_unit_id,
      orgPath: e.org_path,
      questions: e.questions,
      drawRules: e.draw_rules.map((r, i) => ({ ...r, poolSize: pools[i].length })),
      timeLimitMinutes: e.time_limit_minutes,
      opensAt: e.opens_at.toISOString(),
      closesAt: e.closes_at.toISOString(),
      makeUpUntil: e.make_up_until?.toISOString() ?? null,
      passPercent: Number(e.pass_percent),
      attemptsAllowed: e.attempts_allowed,
      gradingMethod: e.grading_method,
      multiplePolicy: e.multiple_policy,
      shuffleQuestions: e.shuffle_questions,
      shuffleOptions: e.shuffle_options,
      reviewAfterSubmit: e.review_after_submit,
      reviewAfterClose: e.review_after_close,
      audienceUnitIds: e.audience_unit_ids,
      audienceRoles: e.audience_roles as ExamView['audienceRoles'],
      round: e.round,
      previousRoundId: e.previous_round_id,
      qualifyTop: e.qualify_top,
      publishedAt: e.published_at?.toISOString() ?? null,
      createdBy: e.created_by,
      createdAt: e.created_at.toISOString(),
      updatedAt: e.updated_at.toISOString(),
      availableActions: actions,
      progress: figures.get(e.id) ?? null,
    };
  }

  private async validExam(actor: Actor, data: unknown, selfId?: string): Promise<{ dto: ExamDto; unit: { id: string; path: string } }> {
    const dto = await validateDto(ExamDto, data);
    const problems: { field: string; message: string }[] = [];
    if (Date.parse(dto.closesAt) <= Date.parse(dto.opensAt)) problems.push({ field: 'closesAt', message: 'must be after opensAt' });
    if (dto.makeUpUntil && Date.parse(dto.makeUpUntil) <= Date.parse(dto.closesAt)) problems.push({ field: 'makeUpUntil', message: 'must be after closesAt' });
    const unknownUnits = [];
    for (const id of dto.audienceUnitIds) if (!(await this.directory.unitOrFetch(id))) unknownUnits.push(id);
    if (unknownUnits.length) problems.push({ field: 'audienceUnitIds', message: `unknown unit(s): ${unknownUnits.join(', ')}` });
    if ((dto.previousRoundId === undefined) !== (dto.qualifyTop === undefined)) {
      problems.push({ field: dto.previousRoundId === undefined ? 'previousRoundId' : 'qualifyTop', message: 'a later round needs both previousRoundId and qualifyTop' });
    }
    if (dto.previousRoundId !== undefined && dto.kind !== 'competition') problems.push({ field: 'previousRoundId', message: 'only a competition has rounds' });
    if (problems.length) throw badRequest('Validation failed', problems);
    if (dto.previousRoundId !== undefined) {
      // The earlier round is published (so rounds cannot form a cycle) and a competition; a numbered round comes after it.
      const previous = await this.exams.get(dto.previousRoundId);
      const problem =
        !previous || previous.id === selfId
          ? 'unknown exam'
          : previous.kind !== 'competition'
            ? 'is not a competition'
            : previous.status !== 'published'
              ? 'must be published before a later round follows it'
              : dto.round !== undefined && previous.round !== null && dto.round <= previous.round
                ? `round must come after the previous round's ${previous.round}`
                : undefined;
      if (problem) throw unprocessable('The previous round does not fit', [{ field: 'previousRoundId', message: problem }]);
    }
    const unit = await this.directory.unitOrFetch(dto.orgUnitId ?? actor.orgUnitId);
    if (!unit) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    if (!inScope(actor, unit.path)) throw forbidden('You may only manage exams of your own unit and the units below it');
    return { dto, unit: { id: unit.id, path: unit.path } };
  }

  async create(actor: Actor, data: unknown): Promise<ExamView> {
    assertActor(actor);
    assertPermitted(actor, 'exams', 'create');
    const { dto, unit } = await this.validExam(actor, data);
    const id = randomUUID();
    await this.ds.transaction(async (m) => {
      await this.exams.insert(m, id, dto, unit, actor.id);
      await this.exams.timeline(m, id, 'created', actor.id, {});
    });
    return this.view(actor, (await this.exams.get(id))!);
  }

  /** The exam when the actor may manage it (in scope), locked in `m`. */
  private async managed(m: EntityManager, actor: Actor, id: string): Promise<ExamRow> {
    const e = await this.exams.get(id, m, true);
    if (!e) throw notFound('Exam');
    if (!inScope(actor, e.org_path)) throw forbidden('This exam belongs to a unit outside your scope');
    return e;
  }

  async update(actor: Actor, data: unknown): Promise<ExamView> {
    assertPermitted(actor, 'exams', 'edit');
    const id = idOf(data);
    const { dto, unit } = await this.validExam(actor, (data as { exam?: unknown }).exam, id);
    await this.ds.transaction(async (m) => {
      const e = await this.managed(m, actor, id);
      if (e.status !== 'draft') throw conflict('A published exam is frozen: its rules can no longer change');
      await this.exams.update(m, id, dto, unit);
      await this.exams.timeline(m, id, 'edited', actor.id, {});
    });
    return this.view(actor, (await this.exams.get(id))!);
  }

  async get(actor: Actor, data: unknown): Promise<ExamView> {
    assertPermitted(actor, 'exams', 'show');
    const e = await this.exams.get(idOf(data));
    if (!e) throw notFound('Exam');
    return this.view(actor, e);
  }

  async list(actor: Actor, data: unknown): Promise<ListResult<ExamView>> {
    assertPermitted(actor, 'exams', 'list');
    const { filter: f, range, sort } = listQueryOf(data, EXAM_LIST);
    const page = await this.exams.list({ q: f.q, kind: asList(f.kind), status: asList(f.status), id: asList(f.id) }, range, sort);
    const progress = await this.progressOf(actor, page.items);
    return { items: await Promise.all(page.items.map((e) => this.view(actor, e, progress))), total: page.total };
  }

  /** Pool sizes of draw rules being built (the builder's preview). */
  async pools(actor: Actor, data: unknown): Promise<PoolSizesView> {
    assertPermitted(actor, 'exams', 'list');
    const rules = (data as { drawRules?: unknown } | null)?.drawRules;
    if (!Array.isArray(rules) || rules.length > 50) throw badRequest('Validation failed', [{ field: 'drawRules', message: 'must be a list of at most 50 rules' }]);
    const valid = await Promise.all(rules.map((r) => validateDto(DrawRuleDto, { count: 1, points: 1, ...(r as object) })));
    return { poolSizes: await Promise.all(valid.map(async (r) => (await this.questions.poolIds(r.tag, r.difficulty)).length)) };
  }

  async publish(actor: Actor, data: unknown): Promise<ExamView> {
    assertPermitted(actor, 'exams', 'publish');
    const id = idOf(data);
    await this.ds.transaction(async (m) => {
      const e = await this.managed(m, actor, id);
      if (e.status !== 'draft') throw conflict('The exam is already published');
      const fixed = e.questions.map((q) => q.questionId);
      // One after another: they share the transaction's connection (parallel queries on one client are deprecated in pg).
      const pools: string[][] = [];
      for (const r of e.draw_rules) pools.push(await this.questions.poolIds(r.tag, r.difficulty, m));
      const problems = drawProblems(e.draw_rules, pools, fixed, await this.questions.activeIds(fixed, m));
      if (e.closes_at.getTime() <= Date.now()) problems.push({ field: 'closesAt', message: 'the exam has already closed' });
      if (problems.length) throw unprocessable(`Cannot publish: ${problems[0].field} ${problems[0].message}`, problems);
      await this.exams.markPublished(m, id);
      await this.exams.timeline(m, id, 'published', actor.id, {});
      await appendEvent(m, {
        name: TRAINING_EVENTS.examPublished,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'exam',
        aggregateId: id,
        orgPath: e.org_path,
        payload: { title: e.title, kind: e.kind, opensAt: e.opens_at.toISOString(), closesAt: e.closes_at.toISOString() },
      });
    });
    this.relay.kick();
    return this.view(actor, (await this.exams.get(id))!);
  }

  /** Extra time (also for an attempt in progress) or an extra attempt for one user; on the exam's record. */
  async grant(actor: Actor, data: unknown): Promise<GrantResultView> {
    assertActor(actor);
    assertPermitted(actor, 'exams', 'grant');
    const id = idOf(data);
    const dto = await validateDto(GrantDto, (data as { grant?: unknown }).grant);
    if (!dto.extraMinutes && !dto.extraAttempts) throw badRequest('Validation failed', [{ field: 'extraMinutes', message: 'give extra minutes or extra attempts' }]);
    let deadlineAt: string | null = null;
    await this.ds.transaction(async (m) => {
      const e = await this.managed(m, actor, id);
      if (e.status !== 'published') throw conflict('Grants apply to published exams');
      await this.exams.insertGrant(m, { id: randomUUID(), examId: id, userId: dto.userId, extraMinutes: dto.extraMinutes ?? 0, extraAttempts: dto.extraAttempts ?? 0, reason: dto.reason, by: actor.id });
      if (dto.extraMinutes) {
        const [open] = await updateReturning<{ deadline_at: Date }>(
          m,
          `UPDATE attempt SET deadline_at = deadline_at + make_interval(mins => $3) WHERE exam_id = $1 AND user_id = $2 AND status = 'in_progress' RETURNING deadline_at`,
          [id, dto.userId, dto.extraMinutes],
        );
        deadlineAt = open?.deadline_at.toISOString() ?? null;
      }
      await this.exams.timeline(m, id, 'granted', actor.id, { userId: dto.userId, extraMinutes: dto.extraMinutes ?? 0, extraAttempts: dto.extraAttempts ?? 0, reason: dto.reason });
    });
    return { granted: true, deadlineAt };
  }
}
