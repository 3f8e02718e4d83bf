/**
 * Scoring of a mystery-shopper visit 暗访 and the roll-up over many visits — the one place
 * these rules live (docs/inspection-scoring.md states them for people):
 *
 * - an item's score is its answer as a fraction of its own maximum (pass 1, fail 0, scale
 *   k/N), times the item's weight: achieved = weight × fraction, possible = weight;
 * - N/A 不适用 leaves both achieved and possible: it is never 0 and never full marks;
 * - dimension score = Σ achieved / Σ possible of its answered items, as a percentage; a
 *   dimension with no answered item of weight > 0 has no score (null, not 0 or 100);
 * - total = the dimension ratios weighted by dimension weights, re-scaled over the dimensions
 *   that have a score: Σ w_d·r_d / Σ w_d; no dimension with a score → null;
 * - a failed red-line 红线 item fails the visit whatever the total (the total is still
 *   reported; `passed` is separate);
 * - pass marks per dimension and overall are compared with the rounded percentages, so the
 *   number shown is the number judged; rounding is half-up to 2 decimals, once, from the
 *   unrounded ratios (the total is computed from unrounded dimension ratios);
 * - roll-ups over many visits are Σ achieved ÷ Σ possible (for the total: of the
 *   dimension-weighted points), never an average of percentages.
 *
 * Pure: no I/O. Invalid answers throw ScoringInputError naming each bad field.
 */
import { assertValidTemplate, ChecklistTemplate, FieldProblem, ScoringInputError, TemplateItem } from './template.js';

/** An answer: pass / fail for a pass-fail item, an integer 0–N for a scale item, or N/A. */
export type AnswerValue = 'pass' | 'fail' | 'na' | number;

export interface ItemAnswer {
  itemKey: string;
  value: AnswerValue;
  /** Evidence files attached to the answer (a failed photo-on-fail item needs at least one). */
  photos?: number;
}

export interface ItemScore {
  key: string;
  dimensionKey: string;
  /** The item was answered, N/A or not at all. */
  state: 'answered' | 'na' | 'unanswered';
  achieved: number;
  possible: number;
  /** Answered below its pass level: a finding (opens a rectification once reviewed). */
  failed: boolean;
  redLine: boolean;
  photoOnFail: boolean;
}

export interface DimensionScore {
  key: string;
  name: string;
  weight: number;
  /** Σ achieved and Σ possible of the answered items (unrounded; the roll-ups add these). */
  achieved: number;
  possible: number;
  answeredItems: number;
  /** Percentage rounded half-up to 2 decimals; null when no answered item of weight > 0. */
  score: number | null;
  /** score ≥ passMark; null when there is no score. */
  passed: boolean | null;
}

export interface VisitScore {
  /** Total percentage rounded half-up to 2 decimals; null when no dimension has a score. */
  total: number | null;
  /**
   * The total as points for roll-ups: achieved = Σ w_d·r_d and possible = Σ w_d over the
   * dimensions with a score (total = achieved / possible × 100, before rounding).
   */
  points: { achieved: number; possible: number };
  /** The total reached the overall pass mark (null when there is no total). */
  scorePassed: boolean | null;
  redLineFailed: boolean;
  /** The verdict: false on any red-line failure; otherwise by the pass marks; null when nothing scored. */
  passed: boolean | null;
  redLineFailures: string[];
  failedItems: string[];
  /** Items without an answer: the running score ignores them; the service refuses to submit them. */
  unansweredItems: string[];
  /** Failed items that need a photo 拍照取证 and have none: the service refuses to submit them. */
  missingPhotos: string[];
  complete: boolean;
  dimensions: DimensionScore[];
  items: ItemScore[];
}

/** Half-up rounding to `decimals` places that is not fooled by binary noise (1.005 → 1.01, 28.125 → 28.13). */
export function roundHalfUp(value: number, decimals = 2): number {
  const cleaned = Number(value.toFixed(10)); // drop noise below 1e-10 (0.285 × 100 = 28.499999999999996)
  if (Math.abs(cleaned) < 1e-6) return 0;
  const shifted = Math.round(Number(`${cleaned}e${decimals}`));
  return Number(`${shifted}e-${decimals}`);
}

const percent = (achieved: number, possible: number): number | null => (possible > 0 ? roundHalfUp((achieved / possible) * 100) : null);

function itemProblem(item: TemplateItem, value: AnswerValue, at: string): FieldProblem | null {
  if (value === 'na') return item.naAllowed ? null : { field: `${at}.value`, message: `N/A is not allowed for ${item.key}` };
  if (item.answerType === 'pass_fail') {
    return value === 'pass' || value === 'fail' ? null : { field: `${at}.value`, message: `must be 'pass', 'fail'${item.naAllowed ? " or 'na'" : ''}` };
  }
  const max = item.scaleMax as number;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
    ? null
    : { field: `${at}.value`, message: `must be an integer 0–${max}${item.naAllowed ? " or 'na'" : ''}` };
}

/** Score one visit's answers against the template version it used. */
export function scoreVisit(template: ChecklistTemplate, answers: readonly ItemAnswer[]): VisitScore {
  assertValidTemplate(template);
  const itemsByKey = new Map(template.items.map((item) => [item.key, item]));
  const given = new Map<string, AnswerValue>();
  const photos = new Map<string, number>();
  const problems: FieldProblem[] = [];
  answers.forEach((answer, i) => {
    const at = `answers[${i}]`;
    const item = itemsByKey.get(answer.itemKey);
    if (!item) problems.push({ field: `${at}.itemKey`, message: `unknown item ${answer.itemKey}` });
    else if (given.has(answer.itemKey)) problems.push({ field: `${at}.itemKey`, message: `${answer.itemKey} answered twice` });
    else {
      const problem = itemProblem(item, answer.value, at);
      if (problem) problems.push(problem);
      if (answer.photos !== undefined && !(Number.isInteger(answer.photos) && answer.photos >= 0)) {
        problems.push({ field: `${at}.photos`, message: 'must be an integer ≥ 0' });
      }
      given.set(answer.itemKey, answer.value);
      photos.set(answer.itemKey, answer.photos ?? 0);
    }
  });
  if (problems.length > 0) throw new ScoringInputError(problems);

  const items: ItemScore[] = template.items.map((item) => {
    const value = given.get(item.key);
    const base = { key: item.key, dimensionKey: item.dimensionKey, redLine: item.redLine, photoOnFail: item.photoOnFail };
    if (value === undefined) return { ...base, state: 'unanswered', achieved: 0, possible: 0, failed: false };
    if (value === 'na') return { ...base, state: 'na', achieved: 0, possible: 0, failed: false };
    let fraction: number;
    let failed: boolean;
    if (item.answerType === 'pass_fail') {
      fraction = value === 'pass' ? 1 : 0;
      failed = value === 'fail';
    } else {
      const max = item.scaleMax as number;
      fraction = (value as number) / max;
      failed = (value as number) < (item.passAt ?? max);
    }
    return { ...base, state: 'answered', achieved: item.weight * fraction, possible: item.weight, failed };
  });

  const dimensions: DimensionScore[] = template.dimensions.map((d) => {
    let achieved = 0;
    let possible = 0;
    let answeredItems = 0;
    for (const item of items) {
      if (item.dimensionKey !== d.key || item.state !== 'answered') continue;
      achieved += item.achieved;
      possible += item.possible;
      answeredItems += 1;
    }
    const score = percent(achieved, possible);
    return { key: d.key, name: d.name, weight: d.weight, achieved, possible, answeredItems, score, passed: score === null ? null : score >= d.passMark };
  });

  let pointsAchieved = 0;
  let pointsPossible = 0;
  for (const d of dimensions) {
    if (d.possible === 0) continue;
    pointsAchieved += d.weight * (d.achieved / d.possible);
    pointsPossible += d.weight;
  }
  const total = percent(pointsAchieved, pointsPossible);
  const scorePassed = total === null ? null : total >= template.passMark;
  const redLineFailures = items.filter((i) => i.redLine && i.failed).map((i) => i.key);
  const redLineFailed = redLineFailures.length > 0;
  let passed: boolean | null;
  if (redLineFailed) passed = false;
  else if (scorePassed === null) passed = null;
  else if (template.everyDimensionMustPass && dimensions.some((d) => d.passed === false)) passed = false;
  else passed = scorePassed;
  const unansweredItems = items.filter((i) => i.state === 'unanswered').map((i) => i.key);

  return {
    total,
    points: { achieved: pointsAchieved, possible: pointsPossible },
    scorePassed,
    redLineFailed,
    passed,
    redLineFailures,
    failedItems: items.filter((i) => i.failed).map((i) => i.key),
    unansweredItems,
    missingPhotos: items.filter((i) => i.failed && i.photoOnFail && (photos.get(i.key) ?? 0) === 0).map((i) => i.key),
    complete: unansweredItems.length === 0,
    dimensions,
    items,
  };
}

/** What a roll-up needs of each visit (what the service stores with a submitted visit). */
export interface ScoredVisit {
  points: { achieved: number; possible: number };
  dimensions: readonly { key: string; achieved: number; possible: number }[];
  passed: boolean | null;
  redLineFailed: boolean;
}

export interface RollUp {
  visits: number;
  /** Σ points achieved ÷ Σ points possible over the visits, as a rounded percentage — not an average of visit totals. */
  total: number | null;
  /** Per dimension: Σ achieved ÷ Σ possible of its answered items over the visits, rounded percentage. */
  dimensions: Record<string, { achieved: number; possible: number; score: number | null }>;
  /** Visits with a verdict, how many passed, and passed ÷ judged (rounded percentage; null with none judged). */
  judged: number;
  passed: number;
  passRate: number | null;
  redLineFailedVisits: number;
}

/** Roll up many visits (an outlet's quarter, a branch's subtree …) as ratios of totals. */
export function rollUpVisits(visits: readonly ScoredVisit[]): RollUp {
  let achieved = 0;
  let possible = 0;
  let judged = 0;
  let passed = 0;
  let redLineFailedVisits = 0;
  const dims = new Map<string, { achieved: number; possible: number }>();
  for (const v of visits) {
    achieved += v.points.achieved;
    possible += v.points.possible;
    if (v.passed !== null) judged += 1;
    if (v.passed === true) passed += 1;
    if (v.redLineFailed) redLineFailedVisits += 1;
    for (const d of v.dimensions) {
      const sum = dims.get(d.key) ?? { achieved: 0, possible: 0 };
      sum.achieved += d.achieved;
      sum.possible += d.possible;
      dims.set(d.key, sum);
    }
  }
  const dimensions: RollUp['dimensions'] = {};
  for (const [key, sum] of dims) dimensions[key] = { ...sum, score: percent(sum.achieved, sum.possible) };
  return {
    visits: visits.length,
    total: percent(achieved, possible),
    dimensions,
    judged,
    passed,
    passRate: judged > 0 ? roundHalfUp((passed / judged) * 100) : null,
    redLineFailedVisits,
  };
}
