import { describe, expect, it } from '@jest/globals';
import { PRC_CALENDAR } from '../database/migrations/1795402000001-holiday-calendar.js';
import { HolidayCalendar } from './holiday-calendar.js';
import {
  addBusinessDays,
  bankDayBounds,
  bankDayOf,
  bankYear,
  complaintDueAt,
  dueDate,
  lastDayOfCalendarPeriod,
  limitDaysFor,
  pauseDays,
  pausedDays,
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
  // Civil Code art. 201: the receipt day is not counted; art. 203: the last day ends at 24:00.
  it('is due at the end of the 15th civil day after the receipt day, whatever the time of receipt', () => {
    // Received one minute after midnight and one minute before it: the same deadline.
    expect(dueDate(new Date('2026-03-01T00:01:00+08:00')).toISOString()).toBe(endOf('2026-03-16'));
    expect(dueDate(new Date('2026-03-01T23:59:00+08:00')).toISOString()).toBe(endOf('2026-03-16'));
    // 23:59 Beijing on 1 Mar is still 1 Mar although it is 15:59 UTC; 00:01 on 2 Mar is the next day.
    expect(dueDate(new Date('2026-03-02T00:01:00+08:00')).toISOString()).toBe(endOf('2026-03-17'));
    // Across a month end and a leap day.
    expect(dueDate(new Date('2028-02-20T08:00:00+08:00')).toISOString()).toBe(endOf('2028-03-06'));
    expect(dueDate(new Date('2026-12-25T10:00:00+08:00'), { days: 30, counting: 'calendar' }).toISOString()).toBe(endOf('2027-01-24'));
  });

  it('does not move a last day that falls on a plain weekend (calendar days)', () => {
    // Received Fri 2026-03-06: the 15th day is Sat 2026-03-21 — a rest day, not a statutory holiday.
    expect(lastDayOfCalendarPeriod('2026-03-06', 15, prc)).toBe('2026-03-21');
    expect(dueDate(new Date('2026-03-06T10:00:00+08:00'), { days: 15, counting: 'calendar' }, prc).toISOString()).toBe(endOf('2026-03-21'));
  });

  it('moves a last day that falls on a statutory holiday to the day after the break (art. 203)', () => {
    // Received 2026-09-20: the 15th day is 2026-10-05, inside the National Day break (1–7 Oct) → end of 8 Oct.
    expect(dueDate(new Date('2026-09-20T10:00:00+08:00'), { days: 15, counting: 'calendar' }, prc).toISOString()).toBe(endOf('2026-10-08'));
    // The first day of the break moves just as far; the day before it does not move.
    expect(lastDayOfCalendarPeriod('2026-09-16', 15, prc)).toBe('2026-10-08');
    expect(lastDayOfCalendarPeriod('2026-09-15', 15, prc)).toBe('2026-09-30');
    // Spring Festival 2026 (15–23 Feb): the 15th day after 5 Feb is 20 Feb → 24 Feb.
    expect(lastDayOfCalendarPeriod('2026-02-05', 15, prc)).toBe('2026-02-24');
    // A make-up working day (Sat 10 Oct) is no holiday: the last day stays.
    expect(lastDayOfCalendarPeriod('2026-09-25', 15, prc)).toBe('2026-10-10');
    // Without holiday data only the count applies.
    expect(lastDayOfCalendarPeriod('2026-09-20', 15, HolidayCalendar.weekendsOnly())).toBe('2026-10-05');
  });

  it('counts the 2026 National Day week: calendar days run through it, a deadline in it moves out of it', () => {
    // The example: received Mon 28 Sep 10:00 → 15th day is 13 Oct (after the break): end of 13 Oct.
    const received = new Date('2026-09-28T10:00:00+08:00');
    expect(dueDate(received, { days: 15, counting: 'calendar' }, prc).toISOString()).toBe(endOf('2026-10-13'));
    // Received on each day of the week before the break: which deadlines land in it and move.
    const lastDays = ['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-20', '2026-09-22', '2026-09-23'].map((d) => lastDayOfCalendarPeriod(d, 15, prc));
    expect(lastDays).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-08', '2026-10-08', '2026-10-08']);
    // Received during the break: day one is the next day, holidays count as days; 3 Oct + 15 = 18 Oct.
    expect(dueDate(new Date('2026-10-03T12:00:00+08:00'), { days: 15, counting: 'calendar' }, prc).toISOString()).toBe(endOf('2026-10-18'));
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

  it('counts a pause in days like any period: the day it began not counted, the day it ended counted', () => {
    const start = new Date('2026-03-02T10:00:00+08:00');
    const clock = { clockStartedAt: start, extensionLevel: 0, pausedMs: 0, counting: 'calendar' as const };
    expect(complaintDueAt(clock, prc).toISOString()).toBe(endOf('2026-03-17'));
    // A pause across midnight (22:00 → 02:00 Beijing, four hours) takes out one day; a pause within one day none.
    const acrossMidnight = pausedMsAfterResume(0, new Date('2026-03-05T22:00:00+08:00'), new Date('2026-03-06T02:00:00+08:00'));
    expect(acrossMidnight).toBe(DAY);
    expect(complaintDueAt({ ...clock, pausedMs: acrossMidnight }, prc).toISOString()).toBe(endOf('2026-03-18'));
    expect(pausedMsAfterResume(0, new Date('2026-03-05T00:30:00+08:00'), new Date('2026-03-05T23:30:00+08:00'))).toBe(0);
    // Midnight in Beijing, not in UTC: 07:00 → 09:00 Beijing crosses 00:00 UTC but no Beijing midnight.
    expect(pauseDays(new Date('2026-03-05T07:00:00+08:00'), new Date('2026-03-05T09:00:00+08:00'), 'calendar', prc)).toBe(0);
    // Thu 08:00 → Sun 10:00: Fri, Sat, Sun → three days; a second pause adds to the first.
    const pausedMs = pausedMsAfterResume(0, new Date('2026-03-05T08:00:00+08:00'), new Date('2026-03-08T10:00:00+08:00'));
    expect(pausedMs).toBe(3 * DAY);
    expect(complaintDueAt({ ...clock, pausedMs }, prc).toISOString()).toBe(endOf('2026-03-20'));
    expect(pausedMsAfterResume(pausedMs, new Date('2026-03-10T23:00:00+08:00'), new Date('2026-03-11T01:00:00+08:00'))).toBe(4 * DAY);
    // Legacy wall-clock totals are rounded up, never down.
    expect([0, 1, DAY, DAY + 1, 2 * DAY].map(pausedDays)).toEqual([0, 1, 1, 2, 2]);
    // A pause that pushes the last day into a holiday break moves it past the break.
    const sep = { ...clock, clockStartedAt: new Date('2026-09-14T09:00:00+08:00') };
    expect(complaintDueAt(sep, prc).toISOString()).toBe(endOf('2026-09-29'));
    expect(complaintDueAt({ ...sep, pausedMs: 2 * DAY }, prc).toISOString()).toBe(endOf('2026-10-08'));
  });

  it('under business days, counts only the business days of a pause (2026 National Day week)', () => {
    // 15 business days from Mon 28 Sep are due at the end of Fri 23 Oct (see above).
    const clock = { clockStartedAt: new Date('2026-09-28T10:00:00+08:00'), extensionLevel: 0, pausedMs: 0, counting: 'business' as const };
    // Paused Wed 30 Sep 12:00 → Thu 8 Oct 12:00: 1–7 Oct are holidays, 8 Oct is a business day → one day.
    const pausedMs = pausedMsAfterResume(0, new Date('2026-09-30T12:00:00+08:00'), new Date('2026-10-08T12:00:00+08:00'), 'business', prc);
    expect(pausedMs).toBe(DAY);
    // One business day later: the end of Mon 26 Oct (24–25 Oct are a weekend).
    expect(complaintDueAt({ ...clock, pausedMs }, prc).toISOString()).toBe(endOf('2026-10-26'));
    // The same pause under calendar days takes out eight days.
    expect(pausedMsAfterResume(0, new Date('2026-09-30T12:00:00+08:00'), new Date('2026-10-08T12:00:00+08:00'))).toBe(8 * DAY);
    // A pause wholly inside the holiday or over a weekend takes out nothing; the make-up Saturday 10 Oct counts.
    expect(pauseDays(new Date('2026-10-02T09:00:00+08:00'), new Date('2026-10-06T18:00:00+08:00'), 'business', prc)).toBe(0);
    expect(pauseDays(new Date('2026-10-16T18:00:00+08:00'), new Date('2026-10-18T09:00:00+08:00'), 'business', prc)).toBe(0);
    expect(pauseDays(new Date('2026-10-09T18:00:00+08:00'), new Date('2026-10-10T09:00:00+08:00'), 'business', prc)).toBe(1);
  });

  it('extends the limit to 30 and 60 days from the same clock start, pauses still added', () => {
    const clock = { clockStartedAt: new Date('2026-09-28T10:00:00+08:00'), extensionLevel: 0, pausedMs: 0, counting: 'calendar' as const };
    expect(complaintDueAt(clock, prc).toISOString()).toBe(endOf('2026-10-13'));
    expect(complaintDueAt({ ...clock, extensionLevel: 1 }, prc).toISOString()).toBe(endOf('2026-10-28'));
    expect(complaintDueAt({ ...clock, extensionLevel: 2 }, prc).toISOString()).toBe(endOf('2026-11-27'));
    expect(complaintDueAt({ ...clock, extensionLevel: 2, pausedMs: 3 * DAY + 1 }, prc).toISOString()).toBe(endOf('2026-12-01'));
    expect([0, 1, 2].map(limitDaysFor)).toEqual([15, 30, 60]);
    expect(() => limitDaysFor(3)).toThrow(RangeError);
    // An extension whose 30th day falls in a break moves past it: received 2 Sep + 30 = 2 Oct → 8 Oct.
    expect(complaintDueAt({ ...clock, clockStartedAt: new Date('2026-09-02T10:00:00+08:00'), extensionLevel: 1 }, prc).toISOString()).toBe(endOf('2026-10-08'));
    // Business-day counting extends in business days.
    expect(complaintDueAt({ ...clock, counting: 'business' }, prc).toISOString()).toBe(endOf('2026-10-23'));
    expect(complaintDueAt({ ...clock, counting: 'business', extensionLevel: 1 }, prc).toISOString()).toBe(endOf('2026-11-13'));
  });

  it('restarts the clock on reopening: a new 15-day limit from the reopen time, earlier pauses and extensions gone', () => {
    const reopenedAt = new Date('2026-11-20T15:00:00+08:00');
    const before = { clockStartedAt: new Date('2026-09-01T10:00:00+08:00'), extensionLevel: 2, pausedMs: 5 * DAY, counting: 'calendar' as const };
    const restarted = { ...before, clockStartedAt: reopenedAt, extensionLevel: 0, pausedMs: 0 };
    expect(complaintDueAt(restarted, prc).toISOString()).toBe(endOf('2026-12-05'));
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
