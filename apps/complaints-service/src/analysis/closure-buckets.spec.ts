import { describe, expect, it } from '@jest/globals';
import { closureBucketOf, closureBuckets } from './closure-buckets.js';

const DAY = 86_400_000;
const received = new Date('2026-07-01T02:00:00Z');
const at = (days: number, extraMs = 0) => new Date(received.getTime() + days * DAY + extraMs);
const due15 = at(15);
const due60 = at(60);

describe('closure buckets', () => {
  it('puts complaints whose customer was informed within the limit by time receipt → informed, boundaries included in the lower bucket', () => {
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, informedAt: at(0, 3600_000) }, at(90))).toBe('within15');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, informedAt: at(15) }, at(90))).toBe('within15');
    expect(closureBucketOf({ status: 'replied', receivedAt: received, dueAt: due60, informedAt: at(15, 1000) }, at(90))).toBe('within16to30');
    expect(closureBucketOf({ status: 'resolved', receivedAt: received, dueAt: due60, informedAt: at(30) }, at(90))).toBe('within16to30');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due60, informedAt: at(31) }, at(90))).toBe('within31to60');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: at(75), informedAt: at(70) }, at(90))).toBe('over60');
  });

  it('counts informing after the due time as overdue, whatever the duration', () => {
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due15, informedAt: at(16) }, at(90))).toBe('overdueResolved');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due15, informedAt: at(15, 1) }, at(90))).toBe('overdueResolved');
  });

  it('decided on day 14 but the customer informed on day 20 is overdue, not on time (decide AND inform)', () => {
    // Status replied: the decision (resolvedAt = day 14) is not an input at all; the clock stopped at informedAt.
    expect(closureBucketOf({ status: 'replied', receivedAt: received, dueAt: due15, informedAt: at(20) }, at(90))).toBe('overdueResolved');
    expect(closureBucketOf({ status: 'closed', receivedAt: received, dueAt: due15, informedAt: at(14, 3600_000) }, at(90))).toBe('within15');
  });

  it('keeps a resolved complaint whose customer is not yet informed on the clock: open, overdue once past due', () => {
    expect(closureBucketOf({ status: 'resolved', receivedAt: received, dueAt: due15, informedAt: null }, at(14))).toBe('openWithinLimit');
    expect(closureBucketOf({ status: 'resolved', receivedAt: received, dueAt: due15, informedAt: null }, at(20))).toBe('overdueOpen');
  });

  it('judges open complaints by the clock', () => {
    expect(closureBucketOf({ status: 'in_progress', receivedAt: received, dueAt: due15, informedAt: null }, at(10))).toBe('openWithinLimit');
    expect(closureBucketOf({ status: 'assigned', receivedAt: received, dueAt: due15, informedAt: null }, at(15, 1))).toBe('overdueOpen');
  });

  it('leaves rejected and withdrawn complaints out of the resolution buckets', () => {
    expect(closureBucketOf({ status: 'rejected', receivedAt: received, dueAt: due15, informedAt: null }, at(90))).toBe('notResolved');
    expect(closureBucketOf({ status: 'withdrawn', receivedAt: received, dueAt: due15, informedAt: null }, at(90))).toBe('notResolved');
  });

  it('sums overdue from resolved-late and open-past-due', () => {
    const b = closureBuckets({ within15: 5, within16to30: 2, within31to60: 1, over60: 0, overdueResolved: 3, overdueOpen: 4, openWithinLimit: 6, notResolved: 1 });
    expect(b.overdue).toBe(7);
    expect(b.within15 + b.within16to30 + b.within31to60 + b.over60 + b.overdue + b.openWithinLimit + b.notResolved).toBe(22);
  });
});
