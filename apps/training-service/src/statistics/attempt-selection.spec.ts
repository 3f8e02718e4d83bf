import { describe, expect, it } from '@jest/globals';
import { attemptsForStatistics, examGrades, FinishedAttempt } from './attempt-selection.js';

// u1 took three attempts (60, 90, 90), u2 one (40), u3 two (null — all voided — then 70).
const attempts: FinishedAttempt[] = [
  { attemptId: 'u1-2', userId: 'u1', number: 2, percent: 90 },
  { attemptId: 'u1-1', userId: 'u1', number: 1, percent: 60 },
  { attemptId: 'u2-1', userId: 'u2', number: 1, percent: 40 },
  { attemptId: 'u1-3', userId: 'u1', number: 3, percent: 90 },
  { attemptId: 'u3-1', userId: 'u3', number: 1, percent: null },
  { attemptId: 'u3-2', userId: 'u3', number: 2, percent: 70 },
];

describe('examGrades (grading method)', () => {
  it('takes the highest, last, first or average attempt per taker', () => {
    expect(Object.fromEntries(examGrades(attempts, 'highest'))).toEqual({ u1: 90, u2: 40, u3: 70 });
    expect(Object.fromEntries(examGrades(attempts, 'last'))).toEqual({ u1: 90, u2: 40, u3: 70 });
    expect(Object.fromEntries(examGrades(attempts, 'first'))).toEqual({ u1: 60, u2: 40, u3: null });
    // (60 + 90 + 90) / 3 = 80; u3 averages only the attempt that has a grade.
    expect(Object.fromEntries(examGrades(attempts, 'average'))).toEqual({ u1: 80, u2: 40, u3: 70 });
    expect(examGrades([...attempts, { attemptId: 'u2-2', userId: 'u2', number: 2, percent: 45 }], 'average').get('u2')).toBe(42.5);
  });
});

describe('attemptsForStatistics (which attempts)', () => {
  const ids = (list: FinishedAttempt[]) => list.map((a) => a.attemptId).sort();

  it('selects first attempts, the graded ones, or all', () => {
    expect(ids(attemptsForStatistics(attempts, 'first', 'highest'))).toEqual(['u1-1', 'u2-1', 'u3-1']);
    // The earliest of u1's two 90s sets the grade, so a later equal retry changes nothing.
    expect(ids(attemptsForStatistics(attempts, 'graded', 'highest'))).toEqual(['u1-2', 'u2-1', 'u3-2']);
    expect(ids(attemptsForStatistics(attempts, 'graded', 'last'))).toEqual(['u1-3', 'u2-1', 'u3-2']);
    expect(ids(attemptsForStatistics(attempts, 'graded', 'average'))).toEqual(ids(attempts));
    expect(attemptsForStatistics(attempts, 'all', 'first')).toHaveLength(6);
  });
});
