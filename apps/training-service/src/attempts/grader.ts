import { Injectable } from '@nestjs/common';
import { TRAINING_EVENTS } from '@xb/contracts/training';
import { appendEvents } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';
import { ExamsRepository, type ExamRow } from '../exams/exams.repository.js';
import { gradeAttempt, type GradedAttempt } from '../statistics/grading.js';
import { AttemptsRepository, type AttemptRow, type GradedAttemptUpdate, type GradedItemUpdate } from './attempts.repository.js';
import { paperAnswers, paperKey, type KeyFix, type StoredItem } from './paper.js';

export const SYSTEM_ACTOR = { id: '00000000-0000-4000-8000-000000000000', username: 'system', orgUnitId: '00000000-0000-4000-8000-000000000000' };

/**
 * Grades attempts on the server: at submit, in the deadline sweep and in a regrade. Works on
 * batches (one read of the items, three writes), so the sweep grades thousands of attempts
 * within seconds of a close.
 */
@Injectable()
export class Grader {
  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly exams: ExamsRepository,
  ) {}

  /** Grades of these attempts under the exam's key and fixes (`fixes` overrides the stored ones: a regrade's "after"). */
  async grade(
    m: EntityManager,
    rows: AttemptRow[],
    fixesOverride?: Map<string, Map<string, KeyFix>>,
  ): Promise<{ attempt: AttemptRow; exam: ExamRow; graded: GradedAttempt; items: StoredItem[] }[]> {
    if (!rows.length) return [];
    const exams = new Map<string, { exam: ExamRow; fixes: Map<string, KeyFix> }>();
    for (const examId of new Set(rows.map((r) => r.exam_id))) {
      const exam = (await this.exams.get(examId, m))!;
      exams.set(examId, { exam, fixes: fixesOverride?.get(examId) ?? (await this.exams.keyFixes(examId, m)) });
    }
    const items = await this.attempts.items(rows.map((r) => r.id), m);
    const byAttempt = new Map<string, StoredItem[]>();
    for (const it of items) {
      const list = byAttempt.get(it.attemptId) ?? [];
      list.push(it);
      byAttempt.set(it.attemptId, list);
    }
    return rows.map((attempt) => {
      const { exam, fixes } = exams.get(attempt.exam_id)!;
      const paper = byAttempt.get(attempt.id) ?? [];
      const graded = gradeAttempt(paperKey(paper, fixes, exam.multiple_policy, Number(exam.pass_percent)), paperAnswers(paper));
      return { attempt, exam, graded, items: paper };
    });
  }

  /** Grades and stores; with `finish`, also closes the attempts and writes `training.attempt.submitted` for each. */
  async gradeAndStore(m: EntityManager, rows: AttemptRow[], finish?: (a: AttemptRow) => { finishedAt: Date; by: 'taker' | 'deadline' }): Promise<{ attempt: AttemptRow; graded: GradedAttempt }[]> {
    const results = await this.grade(m, rows);
    const attemptUpdates: GradedAttemptUpdate[] = [];
    const itemUpdates: GradedItemUpdate[] = [];
    for (const { attempt, graded, items } of results) {
      attemptUpdates.push({ id: attempt.id, score: graded.score, maxScore: graded.maxScore, percent: graded.percent, passed: graded.passed });
      const slotOf = new Map(items.map((i) => [i.questionId, i.slot]));
      for (const q of graded.questions) itemUpdates.push({ attemptId: attempt.id, slot: slotOf.get(q.questionId)!, score: q.score, outcome: q.outcome });
    }
    const finishes = finish ? rows.map((a) => ({ id: a.id, ...finish(a) })) : undefined;
    await this.attempts.writeGrades(m, attemptUpdates, itemUpdates, finishes);
    if (finishes) {
      await appendEvents(
        m,
        results.map(({ attempt, graded }, i) => ({
          name: TRAINING_EVENTS.attemptSubmitted,
          actor: finishes[i].by === 'taker' ? { id: attempt.user_id, username: attempt.username, orgUnitId: attempt.org_unit_id } : SYSTEM_ACTOR,
          aggregateType: 'attempt',
          aggregateId: attempt.id,
          orgPath: attempt.org_path,
          payload: {
            examId: attempt.exam_id,
            userId: attempt.user_id,
            orgUnitId: attempt.org_unit_id,
            number: attempt.number,
            score: graded.score,
            maxScore: graded.maxScore,
            percent: graded.percent,
            passed: graded.passed,
            submittedBy: finishes[i].by,
            finishedAt: finishes[i].finishedAt.toISOString(),
          },
        })),
      );
    }
    return results.map(({ attempt, graded }) => ({ attempt, graded }));
  }
}
