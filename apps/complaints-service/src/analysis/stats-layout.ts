import { BUSINESS_CATEGORY_KEYS, CAUSE_KEYS, CHANNEL_KEYS, COMPLAINT_STATUS_KEYS, SEVERITY_KEYS } from '@xb/contracts';

/**
 * The layout of `complaint_daily_stats.v`, the roll-up vector each (bank day, org unit)
 * row holds: slot 1 the count, then one slot per code of each coded dimension (in the
 * contracts' order), then the metrics. The database side (migrations 1795500000000, 1795600000000) keeps a
 * frozen copy of the same lists; a spec fails the day they differ, which is the day a new
 * migration must redefine `complaint_stats_vector()` and rebuild the table.
 */
export const STATS_DIMENSIONS = {
  channel: CHANNEL_KEYS,
  businessCategory: BUSINESS_CATEGORY_KEYS,
  cause: CAUSE_KEYS,
  severity: SEVERITY_KEYS,
  status: COMPLAINT_STATUS_KEYS,
} as const satisfies Record<string, readonly string[]>;
export type StatsDimension = keyof typeof STATS_DIMENSIONS;

/**
 * Per-complaint metrics after the dimension slots (see closure-buckets.ts for the bucket
 * rules). Since migration 1795600000000 the clock stops when the customer is informed
 * (反馈, replied_at), not at the decision: `resolved` counts decisions (办结); `onTime`,
 * `handlingMinutes`, the `within…` buckets and `overdueResolved` are measured receipt →
 * informed; `open` = the clock still runs (resolved-but-not-informed included);
 * informed = onTime + overdueResolved.
 */
export const STATS_METRICS = [
  'resolved',
  'onTime',
  'handlingMinutes',
  'within15',
  'within16to30',
  'within31to60',
  'over60',
  'overdueResolved',
  'followedUp',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'open',
  'notResolved',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];

/** Satisfaction values recorded at follow-up (回访). */
export const SATISFACTION_VALUES = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

export interface StatsLayout {
  length: number;
  /** 0-based offset into a decoded vector of each dimension's first code. */
  offsets: Record<StatsDimension, number>;
  metricOffset: number;
}

function buildLayout(): StatsLayout {
  let next = 1;
  const offsets = {} as Record<StatsDimension, number>;
  for (const [dimension, keys] of Object.entries(STATS_DIMENSIONS) as [StatsDimension, readonly string[]][]) {
    offsets[dimension] = next;
    next += keys.length;
  }
  return { offsets, metricOffset: next, length: next + STATS_METRICS.length };
}

export const STATS_LAYOUT = buildLayout();

/** Sums of the vector, decoded. */
export interface StatsSums {
  n: number;
  channel: Record<string, number>;
  businessCategory: Record<string, number>;
  cause: Record<string, number>;
  severity: Record<string, number>;
  status: Record<string, number>;
  metrics: Record<StatsMetric, number>;
}

export function emptyVector(): number[] {
  return new Array<number>(STATS_LAYOUT.length).fill(0);
}

export function addVectors(into: number[], add: readonly number[]): number[] {
  for (let i = 0; i < into.length; i++) into[i] += add[i] ?? 0;
  return into;
}

export function decodeVector(v: readonly number[]): StatsSums {
  const dims = {} as Record<StatsDimension, Record<string, number>>;
  for (const [dimension, keys] of Object.entries(STATS_DIMENSIONS) as [StatsDimension, readonly string[]][]) {
    const at = STATS_LAYOUT.offsets[dimension];
    dims[dimension] = Object.fromEntries(keys.map((key, i) => [key, v[at + i] ?? 0]));
  }
  const metrics = Object.fromEntries(STATS_METRICS.map((m, i) => [m, v[STATS_LAYOUT.metricOffset + i] ?? 0])) as Record<StatsMetric, number>;
  return { n: v[0] ?? 0, ...dims, metrics };
}

/** `ARRAY[sum(v[1])::float8, …]`: the SQL that sums the vector over grouped rows (float8 so pg hands back numbers; sums stay far below 2^53). */
export function summedVectorSql(column = 'v'): string {
  return `ARRAY[${Array.from({ length: STATS_LAYOUT.length }, (_, i) => `sum(${column}[${i + 1}])`).join(', ')}]::float8[]`;
}
