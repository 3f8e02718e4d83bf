import type { ClosureBuckets } from '@xb/contracts';

/**
 * 办结时效 — which closure bucket a complaint falls in. This is the definition; the
 * database's roll-up (migration 1795500000000) computes the same for every row, and an
 * integration test holds the two together.
 *
 * - resolved (resolvedAt set) on or before dueAt: by handling time, receipt → resolution
 *   in calendar time: ≤ 15 days, 16–30 (up to 30 × 24 h), 31–60, more than 60 (only when
 *   pauses moved the deadline that far);
 * - resolved after dueAt: overdue (resolved late);
 * - still open (received / assigned / in progress): overdue when `now` is past dueAt,
 *   otherwise open within the limit;
 * - rejected or withdrawn without a resolution: not resolved.
 */
export type ClosureBucket = 'within15' | 'within16to30' | 'within31to60' | 'over60' | 'overdueResolved' | 'overdueOpen' | 'openWithinLimit' | 'notResolved';

export const OPEN_STATUSES: readonly string[] = ['received', 'assigned', 'in_progress'];

const DAY_MS = 86_400_000;

export interface ClosureInput {
  status: string;
  receivedAt: Date;
  dueAt: Date;
  resolvedAt: Date | null;
}

export function closureBucketOf(c: ClosureInput, now: Date): ClosureBucket {
  if (c.resolvedAt) {
    if (c.resolvedAt.getTime() > c.dueAt.getTime()) return 'overdueResolved';
    const took = Math.max(0, c.resolvedAt.getTime() - c.receivedAt.getTime());
    if (took <= 15 * DAY_MS) return 'within15';
    if (took <= 30 * DAY_MS) return 'within16to30';
    if (took <= 60 * DAY_MS) return 'within31to60';
    return 'over60';
  }
  if (OPEN_STATUSES.includes(c.status)) return now.getTime() > c.dueAt.getTime() ? 'overdueOpen' : 'openWithinLimit';
  return 'notResolved';
}

/** Counts per bucket → the buckets of the answer (overdue = resolved late + open past due). */
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
