import { describe, expect, it } from '@jest/globals';
import { PRC_CALENDAR } from '../database/migrations/1795402000001-holiday-calendar.js';
import { HolidayCalendar } from './holiday-calendar.js';
import {
  addBusinessDays,
  addBusinessTime,
  businessTimeBetween,
  bankDayBounds,
  bankDayOf,
  bankYear,
  complaintDueAt,
  dueDate,
  limitDaysFor,
  pausedMsAfterResume,
  readClock,
  wholeDaysLeft,
} from './time-limits.js';

const prc = new HolidayCalendar(PRC_CALENDAR);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** End of a Beijing day, i.e. 00:00 of the next one. */
const endOf = (day: string) => bankDayBounds(day).end.toISOString();

describe('time limits (限时办结)', () => {
  it('is due 15 calendar days after receipt', () => {
    expect(dueDate(new Date('2026-03-01T09:30:00+08:00')).toISOString()).toBe(new Date('2026-03-16T09:30:00+08:00').toISOString());
    // Across a month end and a leap day.
    expect(dueDate(new Date('2028-02-20T00:00:00Z')).toISOString()).toBe('2028-03-06T00:00:00.000Z');
    expect(dueDate(new Date('2026-12-25T10:00:00Z'), { days: 30, counting: 'calendar' }).toISOString()).toBe('2027-01-24T10:00:00.000Z');
  });

  it('counts calendar days straight through the 2026 National Day week', () => {
    const received = new Date('2026-09-28T10:00:00+08:00');
    expect(dueDate(received, { days: 15, counting: 'calendar' }, prc).toISOString()).toBe(new Date('2026-10-13T10:00:00+08:00').toISOString());
  });

  it('counts business days across the 2026 National Day week (Oct 1–7 off, Sep 20 and Oct 10 worked)', () => {
    // Mon 28 Sep: Tue 29, Wed 30, (1–7 Oct holiday), Thu 8, Fri 9, Sat 10 (调休上班) → 5th business day is 10 Oct.
    const received = new Date('2026-09-28T10:00:00+08:00');
    expect(addBusinessDays(received, 5, prc).toISOString()).toBe(endOf('2026-10-10'));
    // Without the calendar the same five business days end on Mon 5 Oct.
    expect(addBusinessDays(received, 5, HolidayCalendar.weekendsOnly()).toISOString()).toBe(endOf('2026-10-05'));
    // 15 business days from Mon 28 Sep: 29, 30, 8, 9, 10, 12–16, 19–23 → Fri 23 Oct.
    expect(dueDate(received, { days: 15, counting: 'business' }, prc).toISOString()).toBe(endOf('2026-10-23'));
    // Received on the make-up Sunday 20 Sep, late at night Beijing time (still 20 Sep in Beijing, 19 Sep in UTC).
    const sunday = new Date('2026-09-20T23:30:00+08:00');
    expect(bankDayOf(sunday)).toBe('2026-09-20');
    // 21–25 Sep: the 25th is 中秋 → Mon 21 … Thu 24 are four, then Mon 28 is the fifth.
    expect(addBusinessDays(sunday, 5, prc).toISOString()).toBe(endOf('2026-09-28'));
    // A complaint received during the holiday: the first business day is Thu 8 Oct.
    expect(addBusinessDays(new Date('2026-10-03T12:00:00+08:00'), 1, prc).toISOString()).toBe(endOf('2026-10-08'));
  });

  it('counts business days across the 2026 Spring Festival (15–23 Feb off, 14 and 28 Feb worked)', () => {
    // Fri 13 Feb → Sat 14 (worked), then 24, 25, 26, 27 Feb → the 5th is Fri 27 Feb.
    expect(addBusinessDays(new Date('2026-02-13T09:00:00+08:00'), 5, prc).toISOString()).toBe(endOf('2026-02-27'));
    // … and the 6th is the make-up Saturday 28 Feb.
    expect(addBusinessDays(new Date('2026-02-13T09:00:00+08:00'), 6, prc).toISOString()).toBe(endOf('2026-02-28'));
  });

  it('under business days, counts only the paused time that fell on business days (2026 National Day week)', () => {
    // 15 business days from Mon 28 Sep are due at the end of Fri 23 Oct (see above).
    const clock = { clockStartedAt: new Date('2026-09-28T10:00:00+08:00'), extensionLevel: 0, pausedMs: 0, counting: 'business' as const };
    // Paused Wed 30 Sep 12:00 → Thu 8 Oct 12:00: half of 30 Sep and half of 8 Oct are business time; 1–7 Oct are holidays.
    const pausedMs = pausedMsAfterResume(0, new Date('2026-09-30T12:00:00+08:00'), new Date('2026-10-08T12:00:00+08:00'), 'business', prc);
    expect(pausedMs).toBe(DAY);
    // One business day later: the end of Mon 26 Oct (24–25 Oct are a weekend).
    expect(complaintDueAt({ ...clock, pausedMs }, prc).toISOString()).toBe(endOf('2026-10-26'));
    // The wall-clock reading of the same pause (8 days) would have moved it to 31 Oct.
    expect(pausedMsAfterResume(0, new Date('2026-09-30T12:00:00+08:00'), new Date('2026-10-08T12:00:00+08:00'))).toBe(8 * DAY);
    // A pause that lies wholly on the holiday or a weekend moves nothing.
    expect(pausedMsAfterResume(0, new Date('2026-10-02T09:00:00+08:00'), new Date('2026-10-06T18:00:00+08:00'), 'business', prc)).toBe(0);
    expect(businessTimeBetween(new Date('2026-10-17T00:00:00+08:00'), new Date('2026-10-19T00:00:00+08:00'), prc)).toBe(0);
    // Part of a day: Fri 23 Oct 16:00 plus 10 business hours → Mon 26 Oct 02:00 (the weekend stepped over).
    expect(addBusinessTime(new Date('2026-10-23T16:00:00+08:00'), 10 * HOUR, prc).toISOString()).toBe(new Date('2026-10-26T02:00:00+08:00').toISOString());
    // The make-up Saturday 10 Oct is business time.
    expect(businessTimeBetween(new Date('2026-10-10T00:00:00+08:00'), new Date('2026-10-11T00:00:00+08:00'), prc)).toBe(DAY);
  });

  it('moves the due date by the paused time and extends the limit from the same clock start', () => {
    const start = new Date('2026-09-28T10:00:00+08:00');
    const clock = { clockStartedAt: start, extensionLevel: 0, pausedMs: 0, counting: 'calendar' as const };
    expect(complaintDueAt(clock, prc).toISOString()).toBe(new Date('2026-10-13T10:00:00+08:00').toISOString());
    // Paused for 3 days and 2 hours (outside appraisal): the deadline moves by exactly that.
    const pausedMs = pausedMsAfterResume(0, new Date('2026-10-01T08:00:00+08:00'), new Date('2026-10-04T10:00:00+08:00'));
    expect(pausedMs).toBe(3 * DAY + 2 * HOUR);
    expect(complaintDueAt({ ...clock, pausedMs }, prc).toISOString()).toBe(new Date('2026-10-16T12:00:00+08:00').toISOString());
    // Two pauses add up.
    expect(pausedMsAfterResume(pausedMs, new Date('2026-10-05T00:00:00Z'), new Date('2026-10-05T01:00:00Z'))).toBe(3 * DAY + 3 * HOUR);
    // Extensions: 30 then 60 days from the clock start, pauses still added.
    expect(complaintDueAt({ ...clock, extensionLevel: 1 }, prc).toISOString()).toBe(new Date('2026-10-28T10:00:00+08:00').toISOString());
    expect(complaintDueAt({ ...clock, extensionLevel: 2, pausedMs }, prc).toISOString()).toBe(new Date(new Date('2026-11-27T10:00:00+08:00').getTime() + pausedMs).toISOString());
    expect([0, 1, 2].map(limitDaysFor)).toEqual([15, 30, 60]);
    expect(() => limitDaysFor(3)).toThrow(RangeError);
    // Business-day counting extends in business days.
    expect(complaintDueAt({ ...clock, counting: 'business' }, prc).toISOString()).toBe(endOf('2026-10-23'));
    expect(complaintDueAt({ ...clock, counting: 'business', extensionLevel: 1 }, prc).toISOString()).toBe(endOf('2026-11-13'));
  });

  it('restarts the clock on reopening: a new 15-day limit from the reopen time, earlier pauses and extensions gone', () => {
    const reopenedAt = new Date('2026-11-20T15:00:00+08:00');
    const before = { clockStartedAt: new Date('2026-09-01T10:00:00+08:00'), extensionLevel: 2, pausedMs: 5 * DAY, counting: 'calendar' as const };
    const restarted = { ...before, clockStartedAt: reopenedAt, extensionLevel: 0, pausedMs: 0 };
    expect(complaintDueAt(restarted, prc).toISOString()).toBe(new Date('2026-12-05T15:00:00+08:00').toISOString());
    expect(complaintDueAt(restarted, prc).getTime()).toBeGreaterThan(complaintDueAt(before, prc).getTime());
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
    expect(readClock({ status: 'replied', dueAt, pausedAt: null, stoppedAt: new Date('2026-03-12T00:00:00Z') }, now)).toEqual({
      clockState: 'stopped',
      daysLeft: null,
      overdue: false,
    });
    expect(readClock({ status: 'withdrawn', dueAt, pausedAt: null, stoppedAt: new Date('2026-03-17T00:00:00Z') }, now).overdue).toBe(true);
  });

  it('runs the clock until the customer is informed (decide AND inform), not until the decision', () => {
    const received = new Date('2026-03-01T00:00:00Z');
    const dueAt = new Date('2026-03-16T00:00:00Z'); // 15 days
    const day = (n: number) => new Date(received.getTime() + n * 86_400_000);
    // Decided on day 14, not yet told: still running, and overdue once past due.
    expect(readClock({ status: 'resolved', dueAt, pausedAt: null, stoppedAt: null }, day(14))).toEqual({ clockState: 'running', daysLeft: 1, overdue: false });
    expect(readClock({ status: 'resolved', dueAt, pausedAt: null, stoppedAt: null }, day(17))).toEqual({ clockState: 'running', daysLeft: -2, overdue: true });
    // Decided on day 14, told on day 20: stopped at informedAt, overdue.
    expect(readClock({ status: 'replied', dueAt, pausedAt: null, stoppedAt: day(20) }, day(30))).toEqual({ clockState: 'stopped', daysLeft: null, overdue: true });
    expect(readClock({ status: 'closed', dueAt, pausedAt: null, stoppedAt: day(20) }, day(30)).overdue).toBe(true);
    // Told on day 15 exactly: on time.
    expect(readClock({ status: 'closed', dueAt, pausedAt: null, stoppedAt: day(15) }, day(30))).toEqual({ clockState: 'stopped', daysLeft: null, overdue: false });
  });

  it('takes the reference year and whole days in Beijing time', () => {
    expect(bankYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(bankYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    const { start, end } = bankDayBounds('2026-03-01');
    expect(start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(bankDayOf(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(bankDayOf(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02-28');
  });
});
