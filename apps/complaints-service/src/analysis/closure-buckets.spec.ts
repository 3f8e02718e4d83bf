import { describe, expect, it } from '@jest/globals';
import { closureBucketOf, closureBuckets } from './closure-buckets.js';

const DAY = 86_400_000;
const received = new Date('2026-07-01T02:00:00Z');
const at = (days: number, extraMs = 0) => new Date(received.getTime() + days * DAY + extraMs);
const due15 = at(15);
const due60 = at(60);

describe('closure buckets', () => {
  it('puts complaints resolved within the limit by handling time, boundaries included in the lower bucket', () => {
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, resolvedAt: at(0, 3600_000) }, at(90))).toBe('within15');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, resolvedAt: at(15) }, at(90))).toBe('within15');
    expect(closureBucketOf({ status: 'replied', receivedAt: received, dueAt: due60, resolvedAt: at(15, 1000) }, at(90))).toBe('within16to30');
    expect(closureBucketOf({ status: 'resolved', receivedAt: received, dueAt: due60, resolvedAt: at(30) }, at(90))).toBe('within16to30');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, resolvedAt: at(31) }, at(90))).toBe('within31to60');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: at(75), resolvedAt: at(70) }, at(90))).toBe('over60');
  });

  it('counts resolution after the due time as overdue, whatever the duration', () => {
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due15, resolvedAt: at(16) }, at(90))).toBe('overdueResolved');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due15, resolvedAt: at(15, 1) }, at(90))).toBe('overdueResolved');
  });

  it('judges open complaints by the clock', () => {
    expect(closureBucketOf({ status: 'in_progress', receivedAt: received, dueAt: due15, resolvedAt: null }, at(10))).toBe('openWithinLimit');
    expect(closureBucketOf({ status: 'assigned', receivedAt: received, dueAt: due15, resolvedAt: null }, at(15, 1))).toBe('overdueOpen');
  });

  it('leaves rejected and withdrawn complaints out of the resolution buckets', () => {
    expect(closureBucketOf({ status: 'rejected', receivedAt: received, dueAt: due15, resolvedAt: null }, at(90))).toBe('notResolved');
    expect(closureBucketOf({ status: 'withdrawn', receivedAt: received, dueAt: due15, resolvedAt: null }, at(90))).toBe('notResolved');
  });

  it('sums overdue from resolved-late and open-past-due', () => {
    const b = closureBuckets({ within15: 5, within16to30: 2, within31to60: 1, over60: 0, overdueResolved: 3, overdueOpen: 4, openWithinLimit: 6, notResolved: 1 });
    expect(b.overdue).toBe(7);
    expect(b.within15 + b.within16to30 + b.within31to60 + b.over60 + b.overdue + b.openWithinLimit + b.notResolved).toBe(22);
  });
});
