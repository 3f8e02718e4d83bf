import { describe, expect, it } from '@jest/globals';
import { AnswerKey, gradeAttempt, GradingInputError, regradeDiff } from './grading.js';

const key: AnswerKey = {
  multiplePolicy: 'partial_no_wrong',
  passPercent: 60,
  questions: [
    { id: 'q1', type: 'single', points: 2, options: ['a', 'b', 'c', 'd'], correct: 'b' },
    { id: 'q2', type: 'multiple', points: 3, options: ['a', 'b', 'c', 'd'], correct: ['a', 'c', 'd'] },
    { id: 'q3', type: 'true_false', points: 1, correct: false },
    { id: 'q4', type: 'multiple', points: 4, options: ['a', 'b', 'c'], correct: ['a', 'b'] },
  ],
};

describe('gradeAttempt (判分)', () => {
  it('scores single, multiple with partial credit, and true/false', () => {
    // q1 right 2; q2 two of three correct, none wrong → 3 × 2/3 = 2; q3 wrong 0; q4 exact 4 → 8 of 10 = 80 %.
    const g = gradeAttempt(key, { q1: 'b', q2: ['a', 'd'], q3: true, q4: ['b', 'a'] });
    expect(g.questions.map((q) => [q.outcome, q.score])).toEqual([
      ['correct', 2],
      ['partial', 2],
      ['wrong', 0],
      ['correct', 4],
    ]);
    expect(g).toMatchObject({ score: 8, maxScore: 10, percent: 80, passed: true });
  });

  it('gives nothing for a multiple answer with a wrong option, and rounds partial credit half-up', () => {
    const wrongOption = gradeAttempt(key, { q2: ['a', 'c', 'b'] });
    expect(wrongOption.questions[1]).toMatchObject({ outcome: 'wrong', score: 0 });
    // 1 of 3 correct on 2 points = 0.666… → 0.67.
    const third = gradeAttempt({ ...key, questions: [{ id: 'q2', type: 'multiple', points: 2, options: ['a', 'b', 'c', 'd'], correct: ['a', 'c', 'd'] }] }, { q2: ['c'] });
    expect(third).toMatchObject({ score: 0.67, maxScore: 2, percent: 33.5 });
  });

  it('gives partial answers nothing under all-or-nothing', () => {
    const g = gradeAttempt({ ...key, multiplePolicy: 'all_or_nothing' }, { q1: 'b', q2: ['a', 'd'], q3: false, q4: ['a', 'b'] });
    expect(g.questions[1]).toMatchObject({ outcome: 'wrong', score: 0 });
    expect(g).toMatchObject({ score: 7, percent: 70, passed: true });
  });

  it('scores a missing or empty answer as unanswered 0', () => {
    const g = gradeAttempt(key, { q2: [], q3: null });
    expect(g.questions.map((q) => q.outcome)).toEqual(['unanswered', 'unanswered', 'unanswered', 'unanswered']);
    expect(g).toMatchObject({ score: 0, percent: 0, passed: false });
  });

  it('leaves a voided question out of score and maximum for everyone', () => {
    const voided: AnswerKey = { ...key, questions: key.questions.map((q) => (q.id === 'q4' ? { ...q, voided: true } : q)) };
    // q1 2 + q2 2 + q3 0 = 4 of 6 = 66.67 %: passes at 60 although 4 of 10 did not.
    const g = gradeAttempt(voided, { q1: 'b', q2: ['a', 'd'], q3: true, q4: ['a', 'b'] });
    expect(g.questions[3]).toMatchObject({ outcome: 'void', score: 0, max: 0 });
    expect(g).toMatchObject({ score: 4, maxScore: 6, percent: 66.67, passed: true });
    const allVoid = gradeAttempt({ ...key, questions: key.questions.map((q) => ({ ...q, voided: true })) }, {});
    expect(allVoid).toMatchObject({ score: 0, maxScore: 0, percent: null, passed: null });
  });

  it('refuses answers that do not fit the question, naming it', () => {
    expect(() => gradeAttempt(key, { q1: 'z' })).toThrow(new GradingInputError('answers.q1', 'unknown option z'));
    expect(() => gradeAttempt(key, { q2: 'a' })).toThrow(/answers\.q2/);
    expect(() => gradeAttempt(key, { q2: ['a', 'a'] })).toThrow(/twice/);
    expect(() => gradeAttempt(key, { q3: 'true' })).toThrow(/answers\.q3/);
    expect(() => gradeAttempt(key, { q9: 'a' })).toThrow(/answers\.q9/);
    expect(() => gradeAttempt({ ...key, passPercent: 101 }, {})).toThrow(/passPercent/);
  });
});

describe('regradeDiff (key fix dry run)', () => {
  const attempts = [
    // u1: q1 'c' (wrong under the old key), rest right → 8 of 10 = 80 %.
    { attemptId: 'a1', userId: 'u1', answers: { q1: 'c', q2: ['a', 'c', 'd'], q3: false, q4: ['a', 'b'] } },
    // u2: q1 'b' (right under the old key), q2 partial 2, q3 right 1, q4 partial 2 → 7 of 10; 5 under the fixed key.
    { attemptId: 'a2', userId: 'u2', answers: { q1: 'b', q2: ['a', 'd'], q3: false, q4: ['a'] } },
    // u3: q1 'a' (wrong under both keys) → unchanged.
    { attemptId: 'a3', userId: 'u3', answers: { q1: 'a', q2: ['a', 'c', 'd'], q3: false, q4: ['a', 'b'] } },
  ];

  it('lists exactly whose score and pass/fail a corrected key changes', () => {
    // The key of q1 was wrong: the right answer is 'c'.
    const fixed: AnswerKey = { ...key, questions: key.questions.map((q) => (q.id === 'q1' && q.type === 'single' ? { ...q, correct: 'c' } : q)) };
    const diff = regradeDiff(key, fixed, attempts);
    expect(diff.attempts).toBe(3);
    expect(diff.changes).toEqual([
      {
        attemptId: 'a1',
        userId: 'u1',
        before: { score: 8, maxScore: 10, percent: 80, passed: true },
        after: { score: 10, maxScore: 10, percent: 100, passed: true },
        questionIds: ['q1'],
        passChanged: false,
      },
      {
        attemptId: 'a2',
        userId: 'u2',
        // 2 (q1) + 2 (q2) + 1 (q3) + 2 (q4: a of a,b → 4 × 1/2) = 7 of 10 → 5 of 10.
        before: { score: 7, maxScore: 10, percent: 70, passed: true },
        after: { score: 5, maxScore: 10, percent: 50, passed: false },
        questionIds: ['q1'],
        passChanged: true,
      },
    ]);
    expect(diff).toMatchObject({ newlyPassed: 0, newlyFailed: 1 });
  });

  it('changes everyone’s maximum when a question is voided, and only the pass marks it moves', () => {
    const voided: AnswerKey = { ...key, questions: key.questions.map((q) => (q.id === 'q1' ? { ...q, voided: true } : q)) };
    const diff = regradeDiff(key, voided, attempts);
    expect(diff.changes.map((c) => [c.userId, c.after.score, c.after.maxScore, c.after.percent, c.passChanged])).toEqual([
      ['u1', 8, 8, 100, false],
      ['u2', 5, 8, 62.5, false],
      ['u3', 8, 8, 100, false],
    ]);
    expect(diff.changes.every((c) => c.questionIds.join() === 'q1')).toBe(true);
    expect(regradeDiff(key, key, attempts).changes).toEqual([]);
  });

  it('refuses a new key with other questions', () => {
    expect(() => regradeDiff(key, { ...key, questions: key.questions.slice(1) }, attempts)).toThrow(/same questions/);
  });
});
