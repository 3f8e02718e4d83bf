/**
 * Grading 判分 of an attempt against an answer key, and the regrade dry run after a key fix:
 * pure functions the service calls at submit, at the deadline sweep and when a trainer
 * corrects a key or voids a question. The service maps each attempt's opaque option ids
 * back to the question's option ids before calling them.
 *
 * Rules (docs/quiz-statistics.md, "Grading"):
 * - single choice and true/false: full points for the correct answer, else 0;
 * - multiple choice, by the exam's policy: `all_or_nothing` (exactly the correct set), or
 *   `partial_no_wrong` (全部选对得满分，少选按比例得分，错选不得分): any wrong option selected
 *   → 0, otherwise points × correct options selected / correct options;
 * - no answer (null, or no option selected) → 0, outcome `unanswered`;
 * - a voided question counts for no one: it leaves both the score and the maximum;
 * - each question's score is rounded half-up to 2 decimals, the total is the sum of those,
 *   the percentage = total / maximum (2 decimals, half-up); passed = percentage ≥ the pass
 *   mark (a percentage, so voiding a question never makes passing harder).
 */

export type MultiplePolicy = 'all_or_nothing' | 'partial_no_wrong';

interface KeyBase {
  id: string;
  /** Points the question is worth in this exam (> 0). */
  points: number;
  /** Voided by a trainer after the fact: left out of everyone's score and maximum. */
  voided?: boolean;
}
export type QuestionKey =
  | (KeyBase & { type: 'single'; options: readonly string[]; correct: string })
  | (KeyBase & { type: 'multiple'; options: readonly string[]; correct: readonly string[] })
  | (KeyBase & { type: 'true_false'; correct: boolean });

export interface AnswerKey {
  questions: readonly QuestionKey[];
  multiplePolicy: MultiplePolicy;
  /** Pass mark as a percentage 0–100 of the (non-voided) maximum. */
  passPercent: number;
}

/** What a taker gave: an option id (single), option ids (multiple), a boolean (true/false), or null. */
export type GivenAnswer = string | readonly string[] | boolean | null;
export type AttemptAnswers = Readonly<Record<string, GivenAnswer>>;

export type QuestionOutcome = 'correct' | 'partial' | 'wrong' | 'unanswered' | 'void';

export interface GradedQuestion {
  questionId: string;
  outcome: QuestionOutcome;
  score: number;
  /** Points available (0 when voided). */
  max: number;
}

export interface GradedAttempt {
  score: number;
  maxScore: number;
  /** Rounded percentage; null when every question is voided. */
  percent: number | null;
  passed: boolean | null;
  questions: GradedQuestion[];
}

export class GradingInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'GradingInputError';
  }
}

/** Half-up to 2 decimals, not fooled by binary noise (0.285 × 100 → 28.5 → …). */
export function round2(value: number): number {
  const cleaned = Number(value.toFixed(10));
  if (Math.abs(cleaned) < 1e-6) return 0;
  return Number(`${Math.round(Number(`${cleaned}e2`))}e-2`);
}

function gradeQuestion(q: QuestionKey, given: GivenAnswer | undefined, policy: MultiplePolicy, field: string): GradedQuestion {
  const voided = q.voided === true;
  const max = voided ? 0 : q.points;
  const result = (outcome: QuestionOutcome, fraction: number): GradedQuestion =>
    voided ? { questionId: q.id, outcome: 'void', score: 0, max } : { questionId: q.id, outcome, score: round2(q.points * fraction), max };
  if (given === undefined || given === null) return result('unanswered', 0);
  switch (q.type) {
    case 'true_false':
      if (typeof given !== 'boolean') throw new GradingInputError(field, 'must be true or false');
      return given === q.correct ? result('correct', 1) : result('wrong', 0);
    case 'single':
      if (typeof given !== 'string') throw new GradingInputError(field, 'must be one option id');
      if (!q.options.includes(given)) throw new GradingInputError(field, `unknown option ${given}`);
      return given === q.correct ? result('correct', 1) : result('wrong', 0);
    case 'multiple': {
      if (!Array.isArray(given) || given.some((o) => typeof o !== 'string')) throw new GradingInputError(field, 'must be a list of option ids');
      const selected = new Set(given as readonly string[]);
      if (selected.size !== given.length) throw new GradingInputError(field, 'lists an option twice');
      for (const o of selected) if (!q.options.includes(o)) throw new GradingInputError(field, `unknown option ${o}`);
      if (selected.size === 0) return result('unanswered', 0);
      const correct = new Set(q.correct);
      let right = 0;
      let wrong = 0;
      for (const o of selected) {
        if (correct.has(o)) right++;
        else wrong++;
      }
      if (wrong === 0 && right === correct.size) return result('correct', 1);
      if (policy === 'all_or_nothing' || wrong > 0 || right === 0) return result('wrong', 0);
      return result('partial', right / correct.size);
    }
  }
}

function checkKey(key: AnswerKey): void {
  if (!(key.passPercent >= 0 && key.passPercent <= 100)) throw new GradingInputError('passPercent', 'must be a percentage 0–100');
  if (key.multiplePolicy !== 'all_or_nothing' && key.multiplePolicy !== 'partial_no_wrong') {
    throw new GradingInputError('multiplePolicy', "must be 'all_or_nothing' or 'partial_no_wrong'");
  }
  const ids = new Set<string>();
  key.questions.forEach((q, i) => {
    if (ids.has(q.id)) throw new GradingInputError(`questions[${i}].id`, `duplicate question ${q.id}`);
    ids.add(q.id);
    if (!(Number.isFinite(q.points) && q.points > 0)) throw new GradingInputError(`questions[${i}].points`, 'must be a number > 0');
    if (q.type === 'single' && !q.options.includes(q.correct)) throw new GradingInputError(`questions[${i}].correct`, 'must be one of the options');
    if (q.type === 'multiple' && (q.correct.length === 0 || q.correct.some((o) => !q.options.includes(o)) || new Set(q.correct).size !== q.correct.length)) {
      throw new GradingInputError(`questions[${i}].correct`, 'must be distinct options, at least one');
    }
  });
}

/** Grade one attempt. Answers to questions not in the key are refused (400 naming the question). */
export function gradeAttempt(key: AnswerKey, answers: AttemptAnswers): GradedAttempt {
  checkKey(key);
  const known = new Set(key.questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) throw new GradingInputError(`answers.${id}`, 'is not a question of this attempt');
  const questions = key.questions.map((q) => gradeQuestion(q, answers[q.id], key.multiplePolicy, `answers.${q.id}`));
  const score = round2(questions.reduce((sum, q) => sum + q.score, 0));
  const maxScore = round2(questions.reduce((sum, q) => sum + q.max, 0));
  const percent = maxScore > 0 ? round2((score / maxScore) * 100) : null;
  return { score, maxScore, percent, passed: percent === null ? null : percent >= key.passPercent, questions };
}

export interface AttemptToRegrade {
  attemptId: string;
  userId: string;
  answers: AttemptAnswers;
}

export interface RegradeChange {
  attemptId: string;
  userId: string;
  before: { score: number; maxScore: number; percent: number | null; passed: boolean | null };
  after: { score: number; maxScore: number; percent: number | null; passed: boolean | null };
  /** Questions whose score or maximum changed for this attempt. */
  questionIds: string[];
  passChanged: boolean;
}

export interface RegradeDiff {
  attempts: number;
  /** Only the attempts whose score, maximum, percentage or pass/fail changes. */
  changes: RegradeChange[];
  newlyPassed: number;
  newlyFailed: number;
}

/**
 * The dry run of a key fix: grade every attempt with the old and the new key and list whose
 * result changes. Applying it is the service's job (it stores the `after` figures).
 * Both keys must hold the same questions (a fix changes answers, points or voids, not the paper).
 */
export function regradeDiff(oldKey: AnswerKey, newKey: AnswerKey, attempts: readonly AttemptToRegrade[]): RegradeDiff {
  const oldIds = oldKey.questions.map((q) => q.id).sort();
  const newIds = newKey.questions.map((q) => q.id).sort();
  if (oldIds.length !== newIds.length || oldIds.some((id, i) => id !== newIds[i])) {
    throw new GradingInputError('questions', 'the new key must hold the same questions as the old one');
  }
  const changes: RegradeChange[] = [];
  let newlyPassed = 0;
  let newlyFailed = 0;
  for (const attempt of attempts) {
    const before = gradeAttempt(oldKey, attempt.answers);
    const after = gradeAttempt(newKey, attempt.answers);
    const beforeByQuestion = new Map(before.questions.map((q) => [q.questionId, q]));
    const questionIds = after.questions
      .filter((q) => {
        const b = beforeByQuestion.get(q.questionId) as GradedQuestion;
        return b.score !== q.score || b.max !== q.max;
      })
      .map((q) => q.questionId);
    const summary = (g: GradedAttempt) => ({ score: g.score, maxScore: g.maxScore, percent: g.percent, passed: g.passed });
    const passChanged = before.passed !== after.passed;
    if (before.score === after.score && before.maxScore === after.maxScore && before.percent === after.percent && !passChanged) continue;
    if (passChanged && after.passed === true) newlyPassed++;
    if (passChanged && after.passed === false) newlyFailed++;
    changes.push({ attemptId: attempt.attemptId, userId: attempt.userId, before: summary(before), after: summary(after), questionIds, passChanged });
  }
  return { attempts: attempts.length, changes, newlyPassed, newlyFailed };
}
