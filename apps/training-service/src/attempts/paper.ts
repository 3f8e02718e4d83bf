/**
 * The paper of an attempt as pure functions: the draw (fixed questions, then each rule's
 * pool, no question twice), the shuffles from the stored seed, the answer key of a paper
 * (the drawn versions, with the exam's key fixes), and what the taker may see under a
 * review level. The service stores the outcome of the draw, so a reload shows the same paper.
 */
import type { PaperItem, QuestionType, ReviewLevel } from '@xb/contracts/training';
import type { AnswerKey, AttemptAnswers, GivenAnswer, MultiplePolicy, QuestionKey } from '../statistics/grading.js';
import { seededRandom, shuffled } from '../common/random.js';

export interface DrawInput {
  fixed: readonly { questionId: string; points: number }[];
  rules: readonly { count: number; points: number; pool: readonly string[] }[];
  shuffleQuestions: boolean;
  seed: number;
}

/** The questions of one attempt, in paper order, with the points each is worth. */
export function drawPaper({ fixed, rules, shuffleQuestions, seed }: DrawInput): { questionId: string; points: number }[] {
  const random = seededRandom(seed);
  const taken = new Set(fixed.map((f) => f.questionId));
  const out = fixed.map((f) => ({ questionId: f.questionId, points: f.points }));
  for (const rule of rules) {
    const available = rule.pool.filter((id) => !taken.has(id));
    if (available.length < rule.count) throw new Error(`draw rule pool holds ${available.length} question(s), ${rule.count} wanted`);
    for (const id of shuffled(available, random).slice(0, rule.count)) {
      taken.add(id);
      out.push({ questionId: id, points: rule.points });
    }
  }
  return shuffleQuestions ? shuffled(out, random) : out;
}

/** Option keys of a question in paper order (shuffled from the seed and the slot when asked). */
export function optionOrder(keys: readonly string[], shuffle: boolean, seed: number, slot: number): string[] {
  return shuffle ? shuffled(keys, seededRandom((seed ^ Math.imul(slot + 1, 0x9e3779b1)) >>> 0)) : [...keys];
}

/** A stored item of an attempt with its drawn version. */
export interface StoredItem {
  slot: number;
  questionId: string;
  points: number;
  type: QuestionType;
  stem: string;
  /** Bank options of the version. */
  options: { key: string; text: string }[];
  /** The version's key in option keys (or a boolean). */
  correct: string | string[] | boolean;
  explanation: string | null;
  /** Opaque per-attempt option ids, in paper order, and the option key each stands for. */
  optionIds: string[];
  optionKeys: string[];
  /** What the taker gave, in opaque ids (or a boolean). */
  answer: GivenAnswer;
  score: number | null;
  outcome: PaperItem['outcome'] | null;
}

export interface KeyFix {
  correct: unknown;
  voided: boolean;
}

/** The answer key of one paper, in bank option keys, with the exam's fixes applied. */
export function paperKey(items: readonly StoredItem[], fixes: ReadonlyMap<string, KeyFix>, policy: MultiplePolicy, passPercent: number): AnswerKey {
  const questions: QuestionKey[] = items.map((it) => {
    const fix = fixes.get(it.questionId);
    const correct = (fix && fix.correct !== null && fix.correct !== undefined ? fix.correct : it.correct) as never;
    const base = { id: it.questionId, points: it.points, voided: fix?.voided === true };
    if (it.type === 'true_false') return { ...base, type: 'true_false', correct };
    const options = it.options.map((o) => o.key);
    return it.type === 'single' ? { ...base, type: 'single', options, correct } : { ...base, type: 'multiple', options, correct };
  });
  return { questions, multiplePolicy: policy, passPercent };
}

/** The taker's answers of a paper in bank option keys, keyed by question. */
export function paperAnswers(items: readonly StoredItem[]): AttemptAnswers {
  const out: Record<string, GivenAnswer> = {};
  for (const it of items) {
    const toKey = (id: string) => it.optionKeys[it.optionIds.indexOf(id)];
    const a = it.answer;
    out[it.questionId] = a === null || a === undefined ? null : typeof a === 'string' ? toKey(a) : Array.isArray(a) ? a.map(toKey) : a;
  }
  return out;
}

/** Whether an answer fits an item (opaque ids of this paper, or a boolean); the problem otherwise. */
export function answerProblem(it: Pick<StoredItem, 'type' | 'optionIds'>, answer: unknown): string | undefined {
  if (answer === null) return undefined;
  if (it.type === 'true_false') return typeof answer === 'boolean' ? undefined : 'must be true or false';
  if (it.type === 'single') return typeof answer === 'string' && it.optionIds.includes(answer) ? undefined : 'must be one option id of this question';
  if (!Array.isArray(answer) || answer.length > it.optionIds.length || answer.some((o) => typeof o !== 'string' || !it.optionIds.includes(o)) || new Set(answer).size !== answer.length) {
    return 'must be distinct option ids of this question';
  }
  return undefined;
}

const LEVEL_ORDER: readonly ReviewLevel[] = ['none', 'score', 'answers', 'correct', 'explanations'];
export const reviewAtLeast = (level: ReviewLevel, wanted: ReviewLevel) => LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(wanted);

/** The review level of a finished attempt now: after close, the higher of the two policies. */
export function reviewLevel(submitted: boolean, closed: boolean, afterSubmit: ReviewLevel, afterClose: ReviewLevel): ReviewLevel {
  if (!submitted) return 'none';
  if (!closed) return afterSubmit;
  return reviewAtLeast(afterClose, afterSubmit) ? afterClose : afterSubmit;
}

/** One paper item as the taker may see it: never the key or the explanation below their review level. */
export function paperItem(it: StoredItem, level: ReviewLevel, fix?: KeyFix): PaperItem {
  const byKey = new Map(it.options.map((o) => [o.key, o.text]));
  const item: PaperItem = {
    slot: it.slot,
    type: it.type,
    stem: it.stem,
    options: it.optionIds.map((id, i) => ({ id, text: byKey.get(it.optionKeys[i]) ?? '' })),
    points: it.points,
    answer: it.answer as PaperItem['answer'],
  };
  if (reviewAtLeast(level, 'answers')) {
    item.outcome = it.outcome ?? undefined;
    item.score = it.score ?? undefined;
  }
  if (reviewAtLeast(level, 'correct')) {
    const correct = fix && fix.correct !== null && fix.correct !== undefined ? (fix.correct as StoredItem['correct']) : it.correct;
    const toId = (key: string) => it.optionIds[it.optionKeys.indexOf(key)];
    item.correct = typeof correct === 'string' ? toId(correct) : Array.isArray(correct) ? correct.map(toId) : correct;
  }
  if (reviewAtLeast(level, 'explanations')) item.explanation = it.explanation;
  return item;
}
