import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@xb/contracts';
import { KeyFixDto, StatisticsQueryDto, TRAINING_EVENTS, type ExamStatisticsView, type LeaderboardView, type RegradeResult, type TrainingResultsFile } from '@xb/contracts/training';
import { appendEvent, badRequest, conflict, forbidden, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { AttemptsRepository, type AttemptRow } from '../attempts/attempts.repository.js';
import { AttemptsService } from '../attempts/attempts.service.js';
import { Grader } from '../attempts/grader.js';
import type { KeyFix } from '../attempts/paper.js';
import { assertActor, assertPermitted, idOf, inScope, may, scopeOf } from '../common/access.js';
import { ExamsRepository, type ExamRow } from '../exams/exams.repository.js';
import { questionProblems } from '../questions/question-rules.js';
import { QuestionsRepository } from '../questions/questions.repository.js';
import { attemptsForStatistics, examGrades, type FinishedAttempt } from '../statistics/attempt-selection.js';
import { round2 } from '../statistics/grading.js';
import { countWithin } from '../common/org-paths.js';
import { quizStatistics } from '../statistics/item-statistics.js';
import { ResultsRepository } from './results.repository.js';
import { buildResultsWorkbook, type ResultRow } from './results-workbook.js';

const finished = (a: AttemptRow): FinishedAttempt & { row: AttemptRow } => ({ attemptId: a.id, userId: a.user_id, number: a.number, percent: a.percent === null ? null : Number(a.percent), row: a });
const seconds = (a: AttemptRow) => Math.round(((a.finished_at ?? a.deadline_at).getTime() - a.started_at.getTime()) / 1000);

/** Results 成绩: item analysis, participation by unit, leaderboard, regrades after a key fix. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly results: ResultsRepository,
    private readonly attempts: AttemptsRepository,
    private readonly exams: ExamsRepository,
    private readonly questions: QuestionsRepository,
    private readonly attemptsService: AttemptsService,
    private readonly grader: Grader,
    private readonly relay: OutboxRelay,
  ) {}

  private async exam(data: unknown): Promise<ExamRow> {
    const e = await this.exams.get(idOf(data));
    if (!e) throw notFound('Exam');
    return e;
  }

  /** Item analysis and participation over the takers in the reader's scope (a branch trainer: its subtree). */
  async statistics(actor: Actor, data: unknown): Promise<ExamStatisticsView> {
    assertPermitted(actor, 'exam-results', 'list');
    const exam = await this.exam(data);
    const { attempts: which = 'graded' } = await validateDto(StatisticsQueryDto, (data as { query?: unknown }).query ?? {});
    const scope = scopeOf(actor);
    const all = (await this.attempts.submitted(exam.id, { scope })).map(finished);
    const chosen = attemptsForStatistics(all, which, exam.grading_method);
    const matrix = await this.results.markMatrix(chosen.map((a) => a.attemptId));
    const marks = chosen.map((a) => matrix.rows.get(a.attemptId) ?? matrix.maxMarks.map(() => null));
    const stats = quizStatistics({ maxMarks: matrix.maxMarks, marks });
    const stems = await this.results.stems(matrix.questionIds);

    const grades = examGrades(all, exam.grading_method);
    const pass = Number(exam.pass_percent);
    const attemptedPath = new Map(all.map((a) => [a.userId, a.row.org_path]));
    const assigned = countWithin((await this.results.audience(exam.audience_unit_ids, exam.audience_roles, scope)).map((p) => p.orgPath));
    const attemptedIn = countWithin(attemptedPath.values());
    const passedIn = countWithin([...attemptedPath].filter(([userId]) => (grades.get(userId) ?? -1) >= pass).map(([, path]) => path));
    const units = (await this.results.units(scope)).map((u) => {
      const attempted = attemptedIn.get(u.path) ?? 0;
      const passed = passedIn.get(u.path) ?? 0;
      return {
        orgUnitId: u.id,
        name: u.name,
        path: u.path,
        depth: u.depth,
        assigned: assigned.get(u.path) ?? 0,
        attempted,
        passed,
        passRate: attempted ? round2((passed / attempted) * 100) : null,
      };
    });
    const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 10, count: 0 }));
    for (const g of grades.values()) if (g !== null) distribution[Math.min(9, Math.floor(g / 10))].count++;
    return {
      examId: exam.id,
      attemptsAnalysed: chosen.length,
      which,
      units,
      distribution,
      test: { ...stats.test },
      items: stats.items.map((it) => ({
        questionId: matrix.questionIds[it.item],
        stem: stems.get(matrix.questionIds[it.item]) ?? '',
        s: it.s,
        facility: it.facility,
        sd: it.sdFraction,
        discriminationIndex: it.discriminationIndex,
        discriminativeEfficiency: it.discriminativeEfficiency,
        weak: (it.facility !== null && (it.facility < 0.3 || it.facility > 0.95)) || (it.discriminationIndex !== null && it.discriminationIndex < 20),
      })),
    };
  }

  /**
   * 成绩导出: the exam's results as an xlsx file — one row per finished attempt of the takers
   * in the reader's scope, and the item statistics (over `attempts`: first, graded or all).
   */
  async exportResults(actor: Actor, data: unknown): Promise<TrainingResultsFile> {
    assertPermitted(actor, 'exam-results', 'export');
    const exam = await this.exam(data);
    const statistics = await this.statistics(actor, data);
    const attempts = await this.attempts.submitted(exam.id, { scope: scopeOf(actor) });
    const names = await this.results.names([...new Set(attempts.map((a) => a.user_id))]);
    const unitNames = await this.results.unitNames([...new Set(attempts.map((a) => a.org_unit_id))]);
    const num = (v: string | null) => (v === null ? null : Number(v));
    const rows: ResultRow[] = attempts
      .map((a) => ({
        username: a.username,
        displayName: names.get(a.user_id) ?? a.username,
        unitName: unitNames.get(a.org_unit_id) ?? '',
        number: a.number,
        score: num(a.score),
        maxScore: num(a.max_score),
        percent: num(a.percent),
        passed: a.passed,
        startedAt: a.started_at,
        finishedAt: a.finished_at,
        seconds: seconds(a),
        submittedBy: a.submitted_by,
      }))
      .sort((x, y) => x.unitName.localeCompare(y.unitName, 'zh-CN') || x.username.localeCompare(y.username) || x.number - y.number);
    const body = await buildResultsWorkbook({ title: exam.title, passPercent: Number(exam.pass_percent), rows, statistics });
    return {
      filename: `exam-results-${exam.id.slice(0, 8)}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: body.toString('base64'),
    };
  }

  /** 排行榜: each taker's best (score, then time taken), ties share a rank; teams = average of a unit's best N. */
  async leaderboard(actor: Actor, data: unknown): Promise<LeaderboardView> {
    const exam = await this.exam(data);
    let scope = '/';
    if (may(actor, 'exam-results', 'list')) scope = scopeOf(actor);
    else if (!(exam.kind === 'competition' && exam.status === 'published' && (await this.attemptsService.inAudienceOf(actor, exam)))) {
      throw forbidden('list on exam-results needs one of the roles: admin, trainer, auditor');
    }
    const teamSize = Math.max(1, Math.min(50, Number((data as { teamSize?: unknown }).teamSize ?? 5) || 5));
    const best = new Map<string, AttemptRow>();
    for (const a of await this.attempts.submitted(exam.id, { scope })) {
      const cur = best.get(a.user_id);
      if (!cur || Number(a.score) > Number(cur.score) || (Number(a.score) === Number(cur.score) && seconds(a) < seconds(cur))) best.set(a.user_id, a);
    }
    const sorted = [...best.values()].sort((x, y) => Number(y.score) - Number(x.score) || seconds(x) - seconds(y) || x.username.localeCompare(y.username));
    const names = await this.results.names(sorted.map((a) => a.user_id));
    const unitNames = await this.results.unitNames([...new Set(sorted.map((a) => a.org_unit_id))]);
    const entries: LeaderboardView['entries'] = [];
    sorted.forEach((a, i) => {
      const prev = entries[i - 1];
      const tie = prev && prev.score === Number(a.score) && prev.seconds === seconds(a);
      entries.push({
        rank: tie ? prev.rank : i + 1,
        userId: a.user_id,
        username: a.username,
        displayName: names.get(a.user_id) ?? a.username,
        orgUnitId: a.org_unit_id,
        unitName: unitNames.get(a.org_unit_id) ?? '',
        score: Number(a.score),
        percent: a.percent === null ? null : Number(a.percent),
        seconds: seconds(a),
      });
    });
    const byUnit = new Map<string, number[]>();
    for (const e of entries) byUnit.set(e.orgUnitId, [...(byUnit.get(e.orgUnitId) ?? []), e.score]);
    const teamRows = [...byUnit].map(([orgUnitId, scores]) => {
      const top = scores.slice(0, teamSize);
      return { orgUnitId, unitName: unitNames.get(orgUnitId) ?? '', members: scores.length, average: round2(top.reduce((s, x) => s + x, 0) / top.length) };
    });
    teamRows.sort((x, y) => y.average - x.average);
    const teams: LeaderboardView['teams'] = [];
    teamRows.forEach((t, i) => teams.push({ rank: i > 0 && teams[i - 1].average === t.average ? teams[i - 1].rank : i + 1, ...t }));
    return { examId: exam.id, entries, teams };
  }

  /** A key fix or a void: the dry run lists whose result changes; applying regrades every affected attempt once. */
  async regrade(actor: Actor, data: unknown): Promise<RegradeResult> {
    assertActor(actor);
    assertPermitted(actor, 'exams', 'regrade');
    const examId = idOf(data);
    const fix = await validateDto(KeyFixDto, (data as { fix?: unknown }).fix);
    if (fix.correct === undefined && fix.voided === undefined) throw badRequest('Validation failed', [{ field: 'correct', message: 'give the corrected key or voided' }]);
    const question = await this.questions.get(fix.questionId);
    if (!question) throw badRequest('Validation failed', [{ field: 'questionId', message: 'unknown question' }]);
    if (fix.correct !== undefined) {
      const problems = questionProblems({ ...question, options: question.options, correct: fix.correct, explanation: undefined, regulation: undefined } as never);
      if (problems.length) throw badRequest('Validation failed', problems);
    }
    const outcome = await this.ds.transaction(async (m) => {
      const exam = await this.exams.get(examId, m, true);
      if (!exam) throw notFound('Exam');
      if (!inScope(actor, exam.org_path)) throw forbidden('This exam belongs to a unit outside your scope');
      if (exam.status !== 'published') throw conflict('Only a published exam has answers to regrade');
      const affected = await this.attempts.submitted(examId, { questionId: fix.questionId }, m);
      const fixes = await this.exams.keyFixes(examId, m);
      const current = fixes.get(fix.questionId);
      const next = new Map(fixes);
      next.set(fix.questionId, { correct: fix.correct ?? current?.correct ?? null, voided: fix.voided ?? current?.voided ?? false } satisfies KeyFix);
      const after = await this.grader.grade(m, affected, new Map([[examId, next]]));
      const changes: RegradeResult['changes'] = [];
      for (const { attempt: a, graded } of after) {
        const before = { score: Number(a.score), percent: a.percent === null ? null : Number(a.percent), passed: a.passed };
        const now = { score: graded.score, percent: graded.percent, passed: graded.passed };
        if (before.score !== now.score || before.percent !== now.percent || before.passed !== now.passed) {
          changes.push({ attemptId: a.id, userId: a.user_id, username: a.username, before, after: now, passChanged: before.passed !== now.passed });
        }
      }
      const result: RegradeResult = {
        dryRun: fix.dryRun === true,
        attempts: affected.length,
        changes,
        newlyPassed: changes.filter((c) => c.passChanged && c.after.passed === true).length,
        newlyFailed: changes.filter((c) => c.passChanged && c.after.passed === false).length,
      };
      if (fix.dryRun) return result;
      await this.exams.upsertKeyFix(m, examId, fix.questionId, { ...next.get(fix.questionId)!, reason: fix.reason, by: actor.id });
      await this.grader.gradeAndStore(m, affected);
      await this.exams.timeline(m, examId, 'regraded', actor.id, { questionId: fix.questionId, correct: fix.correct ?? null, voided: fix.voided ?? null, reason: fix.reason, changed: changes.length });
      await appendEvent(m, {
        name: TRAINING_EVENTS.questionRegraded,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'exam',
        aggregateId: examId,
        orgPath: exam.org_path,
        payload: { questionId: fix.questionId, voided: fix.voided ?? null, reason: fix.reason, attempts: affected.length, changed: changes.length, newlyPassed: result.newlyPassed, newlyFailed: result.newlyFailed },
      });
      return result;
    });
    if (!outcome.dryRun) this.relay.kick();
    return outcome;
  }
}
