/**
 * The shape of a checklist template version as the scoring reads it, and its validation.
 * A template is data: the service stores it (a published version is frozen) and every
 * visit keeps the version it was scored with, so a new version never changes an old score.
 */

/** How an item is answered: pass / fail (optionally N/A), or a 0–N scale (optionally N/A). */
export type AnswerType = 'pass_fail' | 'scale';

export interface TemplateDimension {
  /** Stable key, e.g. `environment`. */
  key: string;
  /** Display name, e.g. 营业环境及设施. */
  name: string;
  /** Relative weight of the dimension in the total (≥ 0; need not sum to 1 or 100). */
  weight: number;
  /** Pass mark of the dimension, a percentage 0–100 (compared with the rounded score). */
  passMark: number;
}

export interface TemplateItem {
  /** Stable key, unique in the template, e.g. `env.complaint-hotline`. */
  key: string;
  dimensionKey: string;
  /** What the inspector checks, e.g. 投诉电话公示. */
  text: string;
  /** Relative weight inside its dimension (≥ 0; 0 = recorded and can fail, but never scores). */
  weight: number;
  answerType: AnswerType;
  /** For `scale`: the top of the 0–N scale (integer ≥ 1). */
  scaleMax?: number;
  /**
   * For `scale`: the lowest value that is not a finding. Below it the item counts as failed
   * (it opens a rectification and, for a red-line item, fails the visit). Default: scaleMax.
   */
  passAt?: number;
  /** Whether N/A 不适用 is an allowed answer. */
  naAllowed: boolean;
  /** 红线 red-line item: failing it fails the whole visit whatever the total. */
  redLine: boolean;
  /** Whether a failed answer must carry a photo (checked by the service at submit). */
  photoOnFail: boolean;
}

export interface ChecklistTemplate {
  key: string;
  name: string;
  /** Overall pass mark, a percentage 0–100 (compared with the rounded total). */
  passMark: number;
  /**
   * When true, a dimension below its pass mark also fails the visit. Default false: the
   * dimension verdicts are reported beside the overall one but do not decide it.
   */
  everyDimensionMustPass?: boolean;
  dimensions: TemplateDimension[];
  items: TemplateItem[];
}

/** A field of the template or the answers that is invalid; the service answers 400 naming `field`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ScoringInputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'ScoringInputError';
  }
}

const isNonNegativeFinite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isPercent = (n: unknown): n is number => isNonNegativeFinite(n) && n <= 100;

/** Every problem of a template at once (empty when it is valid). */
export function templateProblems(template: ChecklistTemplate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isPercent(template.passMark)) problems.push({ field: 'passMark', message: 'must be a percentage 0–100' });
  if (template.dimensions.length === 0) problems.push({ field: 'dimensions', message: 'must not be empty' });
  const dimensionKeys = new Set<string>();
  template.dimensions.forEach((d, i) => {
    const at = `dimensions[${i}]`;
    if (!d.key) problems.push({ field: `${at}.key`, message: 'must not be empty' });
    else if (dimensionKeys.has(d.key)) problems.push({ field: `${at}.key`, message: `duplicate key ${d.key}` });
    dimensionKeys.add(d.key);
    if (!d.name) problems.push({ field: `${at}.name`, message: 'must not be empty' });
    if (!isNonNegativeFinite(d.weight)) problems.push({ field: `${at}.weight`, message: 'must be a finite number ≥ 0' });
    if (!isPercent(d.passMark)) problems.push({ field: `${at}.passMark`, message: 'must be a percentage 0–100' });
  });
  if (template.dimensions.length > 0 && template.dimensions.every((d) => d.weight === 0)) {
    problems.push({ field: 'dimensions', message: 'at least one dimension must have a weight above 0' });
  }
  const itemKeys = new Set<string>();
  template.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!item.key) problems.push({ field: `${at}.key`, message: 'must not be empty' });
    else if (itemKeys.has(item.key)) problems.push({ field: `${at}.key`, message: `duplicate key ${item.key}` });
    itemKeys.add(item.key);
    if (!dimensionKeys.has(item.dimensionKey)) problems.push({ field: `${at}.dimensionKey`, message: `unknown dimension ${item.dimensionKey}` });
    if (!item.text) problems.push({ field: `${at}.text`, message: 'must not be empty' });
    if (!isNonNegativeFinite(item.weight)) problems.push({ field: `${at}.weight`, message: 'must be a finite number ≥ 0' });
    if (item.answerType === 'scale') {
      const max = item.scaleMax;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
        problems.push({ field: `${at}.scaleMax`, message: 'must be an integer ≥ 1 for a scale item' });
      } else if (item.passAt !== undefined && (!Number.isInteger(item.passAt) || item.passAt < 0 || item.passAt > max)) {
        problems.push({ field: `${at}.passAt`, message: `must be an integer 0–${max}` });
      }
    } else if (item.answerType !== 'pass_fail') {
      problems.push({ field: `${at}.answerType`, message: "must be 'pass_fail' or 'scale'" });
    } else if (item.scaleMax !== undefined || item.passAt !== undefined) {
      problems.push({ field: `${at}.scaleMax`, message: 'only a scale item has a scale' });
    }
  });
  return problems;
}

export function assertValidTemplate(template: ChecklistTemplate): void {
  const problems = templateProblems(template);
  if (problems.length > 0) throw new ScoringInputError(problems);
}

/** The maximum of each dimension and of the template (sum of item weights): the editor's live preview. */
export function templateMaximum(template: ChecklistTemplate): { dimensions: Record<string, number>; items: number } {
  const dimensions: Record<string, number> = {};
  for (const d of template.dimensions) dimensions[d.key] = 0;
  let items = 0;
  for (const item of template.items) {
    dimensions[item.dimensionKey] = (dimensions[item.dimensionKey] ?? 0) + item.weight;
    items += item.weight;
  }
  return { dimensions, items };
}
