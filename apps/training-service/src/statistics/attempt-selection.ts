/**
 * Which attempts count: a taker's exam grade by the exam's grading method (highest, last,
 * first, average), and which attempts the item analysis runs over (first, graded, all —
 * Moodle's "which attempts" setting). Pure; the service passes finished attempts only.
 */
import { round2 } from './grading.js';

export type GradingMethod = 'highest' | 'last' | 'first' | 'average';
export type StatisticsAttempts = 'first' | 'graded' | 'all';

export interface FinishedAttempt {
  attemptId: string;
  userId: string;
  /** The taker's attempt number (1, 2, …); orders a taker's attempts. */
  number: number;
  /** Percentage of the maximum, as graded (null when every question is voided). */
  percent: number | null;
}

/** Each taker's attempts in attempt-number order. */
function byTaker<T extends FinishedAttempt>(attempts: readonly T[]): Map<string, T[]> {
  const takers = new Map<string, T[]>();
  for (const a of attempts) takers.set(a.userId, [...(takers.get(a.userId) ?? []), a]);
  for (const list of takers.values()) list.sort((x, y) => x.number - y.number);
  return takers;
}

/**
 * The attempt that sets a taker's grade under a method: the highest (the earliest of equal
 * highs, so a later equal retry changes nothing), the last or the first. `average` has no
 * single attempt: every attempt counts, and the grade is their mean.
 */
function gradedAttempts<T extends FinishedAttempt>(list: T[], method: GradingMethod): T[] {
  if (method === 'average') return list;
  if (method === 'first') return list.slice(0, 1);
  if (method === 'last') return list.slice(-1);
  let best = list[0];
  for (const a of list) if ((a.percent ?? -1) > (best.percent ?? -1)) best = a;
  return [best];
}

/** Each taker's exam grade (percentage, 2 decimals half-up for `average`); null when no attempt has one. */
export function examGrades(attempts: readonly FinishedAttempt[], method: GradingMethod): Map<string, number | null> {
  const grades = new Map<string, number | null>();
  for (const [userId, list] of byTaker(attempts)) {
    const counted = gradedAttempts(list, method)
      .map((a) => a.percent)
      .filter((p): p is number => p !== null);
    if (counted.length === 0) grades.set(userId, null);
    else if (method === 'average') {
      const mean = counted.reduce((sum, p) => sum + p, 0) / counted.length;
      grades.set(userId, round2(mean));
    } else grades.set(userId, counted[0]);
  }
  return grades;
}

/** The attempts the item analysis runs over: each taker's first, the ones that set the grade, or all. */
export function attemptsForStatistics<T extends FinishedAttempt>(attempts: readonly T[], which: StatisticsAttempts, method: GradingMethod): T[] {
  if (which === 'all') return [...attempts];
  const out: T[] = [];
  for (const list of byTaker(attempts).values()) out.push(...(which === 'first' ? list.slice(0, 1) : gradedAttempts(list, method)));
  return out;
}
