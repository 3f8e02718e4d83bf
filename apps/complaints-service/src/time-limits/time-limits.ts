/**
 * 限时办结 — time limits of a complaint, after CBIRC 2020 Order No. 3: decide and inform
 * the customer within 15 days of receipt; a complex case may be extended to 30 days, an
 * especially complex one to 60 with a superior's approval. Time spent on outside
 * appraisal pauses the clock; a repeat complaint with new facts restarts it.
 *
 * Pure arithmetic, no I/O: the holiday calendar is passed in. Conventions:
 * - calendar days: due = start + n × 24 h (same time of day, n days later);
 * - business days: the receipt day itself does not count; due = the end (24:00 Beijing)
 *   of the n-th business day after it, on the holiday calendar (调休 days count as work);
 * - pauses: paused time is not counted. Under calendar days the due date moves by the paused
 *   wall-clock time; under business days only the paused time that fell on business days
 *   counts, and the due date moves by that much business time (a pause over a weekend or
 *   the National Day week moves nothing for those days);
 * - extensions change the limit (15 → 30 → 60 days) counted from the same clock start;
 * - reopening restarts the clock: a new 15-day limit from the reopen time, no pauses;
 * - the clock stops when the customer is INFORMED of the decision (反馈, `informedAt`), not
 *   at the decision itself (办结): a complaint decided on day 14 and told on day 20 is late.
 */
import { isClockRunningStatus } from '@xb/contracts';
import { addCivilDays, HolidayCalendar } from './holiday-calendar.js';

/** The bank's civil time zone: reference years, whole-day filters and business days are counted here. */
export const BANK_TIME_ZONE = 'Asia/Shanghai';
/** China has no daylight saving: Beijing is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;

export type DayCounting = 'calendar' | 'business';

/** How a time limit is counted. */
export interface TimeLimitPolicy {
  days: number;
  counting: DayCounting;
}

/** The standard limit for deciding and informing the customer. */
export const STANDARD_TIME_LIMIT: TimeLimitPolicy = { days: 15, counting: 'calendar' };

/** The limit in days by extension level: none, once (complex, 30), twice (especially complex, 60 at most). */
export const LIMIT_DAYS_BY_EXTENSION = [15, 30, 60] as const;
export const MAX_EXTENSION_LEVEL = LIMIT_DAYS_BY_EXTENSION.length - 1;

/** The Beijing civil day (`YYYY-MM-DD`) an instant falls on. */
export function bankDayOf(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Start (inclusive) and end (exclusive) of a calendar day `YYYY-MM-DD` in the bank's time
 * zone. China has no daylight saving, so a fixed +08:00 offset is exact.
 */
export function bankDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The end (24:00 Beijing) of the n-th business day after the day of `start`. */
export function addBusinessDays(start: Date, days: number, calendar: HolidayCalendar): Date {
  let day = bankDayOf(start);
  let counted = 0;
  // 3 × n + 30 civil days always contain n business days (the longest PRC break is 9 days).
  for (let guard = 0; counted < days; guard++) {
    if (guard > days * 3 + 30) throw new Error(`No ${days} business days found after ${bankDayOf(start)}`);
    day = addCivilDays(day, 1);
    if (calendar.isBusinessDay(day)) counted++;
  }
  return bankDayBounds(day).end;
}

/** The due instant of a limit that starts at `start`. */
export function dueDate(start: Date, policy: TimeLimitPolicy = STANDARD_TIME_LIMIT, calendar: HolidayCalendar = HolidayCalendar.weekendsOnly()): Date {
  switch (policy.counting) {
    case 'calendar':
      return new Date(start.getTime() + policy.days * DAY_MS);
    case 'business':
      return addBusinessDays(start, policy.days, calendar);
  }
}

/** What a complaint's deadline depends on. */
export interface ComplaintClock {
  /** Receipt, or the last reopening. */
  clockStartedAt: Date;
  /** 0, 1 or 2 extensions. */
  extensionLevel: number;
  /** Time already spent paused since the clock started (a running pause is not included). */
  pausedMs: number;
  counting: DayCounting;
}

export function limitDaysFor(extensionLevel: number): number {
  const days = LIMIT_DAYS_BY_EXTENSION[extensionLevel];
  if (days === undefined) throw new RangeError(`No time limit for extension level ${extensionLevel}`);
  return days;
}

/**
 * The complaint's current deadline: the limit for its extension level from the clock start,
 * moved by the time paused (`pausedMs` is counted time: business-day time under business days).
 */
export function complaintDueAt(clock: ComplaintClock, calendar: HolidayCalendar): Date {
  const base = dueDate(clock.clockStartedAt, { days: limitDaysFor(clock.extensionLevel), counting: clock.counting }, calendar);
  return clock.counting === 'business' ? addBusinessTime(base, clock.pausedMs, calendar) : new Date(base.getTime() + clock.pausedMs);
}

/** Total counted paused time once a running pause ends at `now` (business-day time under business days). */
export function pausedMsAfterResume(pausedMs: number, pausedAt: Date, now: Date, counting: DayCounting = 'calendar', calendar?: HolidayCalendar): number {
  if (now.getTime() <= pausedAt.getTime()) return pausedMs;
  if (counting === 'calendar') return pausedMs + (now.getTime() - pausedAt.getTime());
  return pausedMs + businessTimeBetween(pausedAt, now, calendar ?? HolidayCalendar.weekendsOnly());
}

/** The part of [from, to) that falls on business days of the calendar (Beijing civil days). */
export function businessTimeBetween(from: Date, to: Date, calendar: HolidayCalendar): number {
  let total = 0;
  const end = to.getTime();
  for (let t = from.getTime(); t < end; ) {
    const day = bankDayOf(new Date(t));
    const next = Math.min(bankDayBounds(day).end.getTime(), end);
    if (calendar.isBusinessDay(day)) total += next - t;
    t = next;
  }
  return total;
}

/** `start` moved forward by `ms` of business-day time: non-business days are stepped over. */
export function addBusinessTime(start: Date, ms: number, calendar: HolidayCalendar): Date {
  let t = start.getTime();
  let left = ms;
  // Each civil day holds at most one day of business time; 3 × days + 30 civil days always hold enough.
  for (let guard = 0; left > 0; guard++) {
    if (guard > (ms / DAY_MS) * 3 + 30) throw new Error(`No business time of ${ms} ms found after ${start.toISOString()}`);
    const day = bankDayOf(new Date(t));
    const dayEnd = bankDayBounds(day).end.getTime();
    if (calendar.isBusinessDay(day)) {
      const take = Math.min(left, dayEnd - t);
      t += take;
      left -= take;
      if (left === 0) break;
    }
    t = dayEnd;
  }
  return new Date(t);
}

/**
 * Whole days from `now` until `due`, rounded down, so that the number is negative exactly
 * when the complaint is overdue (due in 10 hours → 0; overdue by 1 hour → -1).
 */
export function wholeDaysLeft(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / DAY_MS);
}

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting (it showed in the intake profile).
const BANK_YEAR_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: BANK_TIME_ZONE, year: 'numeric' });

/** The calendar year of an instant in the bank's time zone (a complaint received 31 Dec 20:00 UTC is next year's in Beijing). */
export function bankYear(instant: Date): number {
  return Number(BANK_YEAR_FORMAT.format(instant));
}

/**
 * Statuses in which the complaint's clock runs: the shared definition from contracts. The
 * rule is "decide AND inform the customer" within the limit, so the clock runs through
 * `resolved` (decided, customer not yet told) and stops only at `reply` (反馈, at
 * `informedAt`), rejection or withdrawal.
 */
export { CLOCK_RUNNING_STATUSES } from '@xb/contracts';

export function isClockRunning(status: string): boolean {
  return isClockRunningStatus(status);
}

export interface ClockInput {
  status: string;
  dueAt: Date;
  pausedAt: Date | null;
  /** When the clock stopped (customer informed / rejected / withdrawn), if it has. */
  stoppedAt: Date | null;
}

export interface ClockReading {
  clockState: 'running' | 'paused' | 'stopped';
  daysLeft: number | null;
  overdue: boolean;
}

/**
 * Reads a complaint's clock at `now`. While paused, the days left are frozen at the pause;
 * once stopped there are no days left and "overdue" means it stopped after the deadline.
 */
export function readClock(input: ClockInput, now: Date): ClockReading {
  if (!isClockRunning(input.status)) {
    const stoppedAt = input.stoppedAt ?? now;
    return { clockState: 'stopped', daysLeft: null, overdue: stoppedAt.getTime() > input.dueAt.getTime() };
  }
  const at = input.pausedAt ?? now;
  return {
    clockState: input.pausedAt ? 'paused' : 'running',
    daysLeft: wholeDaysLeft(input.dueAt, at),
    overdue: at.getTime() > input.dueAt.getTime(),
  };
}
