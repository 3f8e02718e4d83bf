import { describe, expect, it } from '@jest/globals';
import { bankDayBounds, bankYear, dueDate, readClock, wholeDaysLeft } from './time-limits.js';

describe('time limits (限时办结)', () => {
  it('is due 15 calendar days after receipt', () => {
    expect(dueDate(new Date('2026-03-01T09:30:00+08:00')).toISOString()).toBe(new Date('2026-03-16T09:30:00+08:00').toISOString());
    // Across a month end and a leap day.
    expect(dueDate(new Date('2028-02-20T00:00:00Z')).toISOString()).toBe('2028-03-06T00:00:00.000Z');
    expect(dueDate(new Date('2026-12-25T10:00:00Z'), { days: 30, counting: 'calendar' }).toISOString()).toBe('2027-01-24T10:00:00.000Z');
  });

  it('counts whole days left, negative exactly when overdue', () => {
    const due = new Date('2026-03-16T09:30:00Z');
    expect(wholeDaysLeft(due, new Date('2026-03-01T09:30:00Z'))).toBe(15);
    expect(wholeDaysLeft(due, new Date('2026-03-15T23:30:00Z'))).toBe(0);
    expect(wholeDaysLeft(due, new Date('2026-03-16T10:30:00Z'))).toBe(-1);
    expect(wholeDaysLeft(due, new Date('2026-03-18T09:30:01Z'))).toBe(-3);
  });

  it('reads the clock: running, paused (frozen) or stopped', () => {
    const dueAt = new Date('2026-03-16T00:00:00Z');
    const now = new Date('2026-03-20T00:00:00Z');
    expect(readClock({ status: 'received', dueAt, pausedAt: null, stoppedAt: null }, now)).toEqual({ clockState: 'running', daysLeft: -4, overdue: true });
    expect(readClock({ status: 'in_progress', dueAt, pausedAt: new Date('2026-03-10T00:00:00Z'), stoppedAt: null }, now)).toEqual({
      clockState: 'paused',
      daysLeft: 6,
      overdue: false,
    });
    expect(readClock({ status: 'resolved', dueAt, pausedAt: null, stoppedAt: new Date('2026-03-12T00:00:00Z') }, now)).toEqual({
      clockState: 'stopped',
      daysLeft: null,
      overdue: false,
    });
  });

  it('takes the reference year and whole days in Beijing time', () => {
    expect(bankYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(bankYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    const { start, end } = bankDayBounds('2026-03-01');
    expect(start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
});
