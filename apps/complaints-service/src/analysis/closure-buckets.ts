import { CLOCK_RUNNING_STATUSES, type ClosureBuckets } from '@xb/contracts';

/**
 * 反馈时效 — which closure bucket a complaint falls in. The rule (CBIRC 2020 Order No. 3
 * art. 18) is to decide AND inform the customer within the limit, so the clock stops when
 * the customer is informed (反馈, `repliedAt` = the reported `informedAt`), not at the
 * decision (办结). This is the definition; the database's roll-up (migration 1795600000000,
 * redefining 1795500000000's) computes the same for every row, and an integration test
 * holds the two together.
 *
 * - customer informed (informedAt set) on or before dueAt: by time receipt → informed in
 *   calendar time: ≤ 15 days, 16–30 (up to 30 × 24 h), 31–60, more than 60 (only when
 *   pauses moved the deadline that far);
 * - informed after dueAt: overdue (`overdueResolved`, informed late) — also when the
 *   decision itself was in time;
 * - clock still running (CLOCK_RUNNING_STATUSES: received / assigned / in progress, and
 *   resolved but not yet informed): overdue when `now` is past dueAt, otherwise open
 *   within the limit;
 * - rejected or withdrawn without the customer being informed of a decision: not resolved.
 */
export type ClosureBucket = 'within15' | 'within16to30' | 'within31to60' | 'over60' | 'overdueResolved' | 'overdueOpen' | 'openWithinLimit' | 'notResolved';

/** "Open" for the analysis = the clock still runs (the shared definition, resolved-but-not-informed included). */
export const OPEN_STATUSES: readonly string[] = CLOCK_RUNNING_STATUSES;

const DAY_MS = 86_400_000;

export interface ClosureInput {
  status: string;
  receivedAt: Date;
  dueAt: Date;
  /** When the customer was informed of the decision (反馈, `repliedAt`); null until then. */
  informedAt: Date | null;
}

export function closureBucketOf(c: ClosureInput, now: Date): ClosureBucket {
  if (c.informedAt) {
    if (c.informedAt.getTime() > c.dueAt.getTime()) return 'overdueResolved';
    const took = Math.max(0, c.informedAt.getTime() - c.receivedAt.getTime());
    if (took <= 15 * DAY_MS) return 'within15';
    if (took <= 30 * DAY_MS) return 'within16to30';
    if (took <= 60 * DAY_MS) return 'within31to60';
    return 'over60';
  }
  if (OPEN_STATUSES.includes(c.status)) return now.getTime() > c.dueAt.getTime() ? 'overdueOpen' : 'openWithinLimit';
  return 'notResolved';
}

/** Counts per bucket → the buckets of the answer (overdue = informed late + clock running past due). */
export function closureBuckets(counts: Record<ClosureBucket, number>): ClosureBuckets {
  return {
    within15: counts.within15,
    within16to30: counts.within16to30,
    within31to60: counts.within31to60,
    over60: counts.over60,
    overdue: counts.overdueResolved + counts.overdueOpen,
    overdueResolved: counts.overdueResolved,
    overdueOpen: counts.overdueOpen,
    openWithinLimit: counts.openWithinLimit,
    notResolved: counts.notResolved,
  };
}
