/**
 * 限时办结 — time limits of a complaint, after CBIRC 2020 Order No. 3 (《银行业保险业消费投诉处理
 * 管理办法》): decide and inform the customer within 15 days of receipt; a complex case may be
 * extended to 30 days, an especially complex one by 30 more (60) with a superior's approval.
 * Time spent on outside appraisal/testing is not counted; a repeat complaint with new facts
 * restarts the clock. Sources and the reasoning: docs/regulations.md.
 *
 * THE one place where deadlines are counted (complaint limits, extensions, pauses, report-back
 * deadlines). Pure arithmetic, no I/O: the holiday calendar is passed in. The Order counts in
 * days and does not define how, so the Civil Code's period rules (arts. 200–204) apply:
 * - art. 201: a period in days starts the day AFTER the start (the receipt day is not counted);
 * - art. 203: the last day ends at 24:00 (Beijing), and a last day that is a statutory holiday
 *   (法定休假日) moves to the day after the holiday break.
 * So, in both modes, a deadline is always the END of a Beijing civil day:
 * - calendar days: the n-th civil day after the start day; if that day lies in a holiday break
 *   of the calendar, the first day after the break (a plain weekend does not move it);
 * - business days: the n-th business day after the start day on the holiday calendar (调休
 *   make-up days count as work; a business day is never a holiday, so nothing moves);
 * - pauses (outside appraisal, "not counted" by the Order): a pause is a period in days too —
 *   the civil days after the day it began up to the day it ended (under business days only
 *   the business days among them) are added to n, so the deadline stays at 24:00;
 * - extensions change n (15 → 30 → 60) counted from the same start;
 * - reopening (new facts) restarts the clock: a new 15-day limit from the reopen day, no pauses;
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
  return bankDayBounds(nthBusinessDayAfter(bankDayOf(start), days, calendar)).end;
}

/** The n-th business day after the civil day `day` (`YYYY-MM-DD`). */
function nthBusinessDayAfter(day: string, days: number, calendar: HolidayCalendar): string {
  let counted = 0;
  // 3 × n + 30 civil days always contain n business days (the longest PRC break is 9 days).
  for (let guard = 0; counted < days; guard++) {
    if (guard > days * 3 + 30) throw new Error(`No ${days} business days found after ${day}`);
    day = addCivilDays(day, 1);
    if (calendar.isBusinessDay(day)) counted++;
  }
  return day;
}

/**
 * The last day of a period of n calendar days that starts on civil day `day` (Civil Code art.
 * 201: the start day is not counted, so it is `day` + n), moved past a statutory holiday break
 * it falls in (art. 203). Weekends do not move it.
 */
export function lastDayOfCalendarPeriod(day: string, days: number, calendar: HolidayCalendar): string {
  let last = addCivilDays(day, days);
  for (let guard = 0; calendar.isStatutoryHoliday(last); guard++) {
    if (guard > 31) throw new Error(`Holiday break after ${last} longer than a month: check holiday_calendar`);
    last = addCivilDays(last, 1);
  }
  return last;
}

/**
 * The due instant of a limit that starts at `start`: the end (24:00 Beijing) of the period's
 * last day, counted by the Civil Code's rules in either mode (see the header).
 */
export function dueDate(start: Date, policy: TimeLimitPolicy = STANDARD_TIME_LIMIT, calendar: HolidayCalendar = HolidayCalendar.weekendsOnly()): Date {
  if (!Number.isInteger(policy.days) || policy.days < 0) throw new RangeError(`A time limit is a whole number of days, not ${policy.days}`);
  const startDay = bankDayOf(start);
  switch (policy.counting) {
    case 'calendar':
      return bankDayBounds(lastDayOfCalendarPeriod(startDay, policy.days, calendar)).end;
    case 'business':
      return bankDayBounds(nthBusinessDayAfter(startDay, policy.days, calendar)).end;
  }
}

/**
 * Paused time as whole days. New pauses are recorded in whole days already (see
 * `pausedMsAfterResume`); rows written before that hold wall-clock milliseconds, which are
 * rounded UP so that recounting never makes a deadline earlier.
 */
export function pausedDays(pausedMs: number): number {
  return pausedMs <= 0 ? 0 : Math.ceil(pausedMs / DAY_MS);
}

/**
 * The days a pause from `pausedAt` to `resumedAt` takes out of the limit, counted like any
 * period in days (Civil Code art. 201): the day the pause began is not counted, each civil day
 * after it up to and including the day it ended is — under business days only the business
 * days among them. A pause within one day counts 0, a pause across midnight 1.
 */
export function pauseDays(pausedAt: Date, resumedAt: Date, counting: DayCounting, calendar: HolidayCalendar): number {
  const last = bankDayOf(resumedAt);
  let days = 0;
  for (let day = addCivilDays(bankDayOf(pausedAt), 1); day <= last; day = addCivilDays(day, 1)) {
    if (counting === 'calendar' || calendar.isBusinessDay(day)) days++;
  }
  return days;
}

/** What a complaint's deadline depends on. */
export interface ComplaintClock {
  /** Receipt, or the last reopening. */
  clockStartedAt: Date;
  /** 0, 1 or 2 extensions. */
  extensionLevel: number;
  /** Paused days since the clock started, in milliseconds (whole days; a running pause is not included). */
  pausedMs: number;
  counting: DayCounting;
}

export function limitDaysFor(extensionLevel: number): number {
  const days = LIMIT_DAYS_BY_EXTENSION[extensionLevel];
  if (days === undefined) throw new RangeError(`No time limit for extension level ${extensionLevel}`);
  return days;
}

/**
 * The complaint's current deadline: the limit for its extension level plus the paused days,
 * counted from the clock start by `dueDate`.
 */
export function complaintDueAt(clock: ComplaintClock, calendar: HolidayCalendar): Date {
  return dueDate(clock.clockStartedAt, { days: limitDaysFor(clock.extensionLevel) + pausedDays(clock.pausedMs), counting: clock.counting }, calendar);
}

/**
 * Total paused time once a running pause ends at `now`: the earlier total plus the pause's
 * days (`pauseDays`) as whole days of milliseconds, the unit of the `paused_ms` column.
 */
export function pausedMsAfterResume(pausedMs: number, pausedAt: Date, now: Date, counting: DayCounting = 'calendar', calendar: HolidayCalendar = HolidayCalendar.weekendsOnly()): number {
  if (now.getTime() <= pausedAt.getTime()) return pausedMs;
  return pausedMs + pauseDays(pausedAt, now, counting, calendar) * DAY_MS;
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
