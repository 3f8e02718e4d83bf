/**
 * 限时办结 — time limits of a complaint, after CBIRC 2020 Order No. 3: decide and inform
 * the customer within 15 days of receipt. This module owns the arithmetic so that the
 * workflow can later add business-day calendars, pauses (outside appraisal) and
 * extensions (30 / 60 days) without touching intake.
 */

/** The bank's civil time zone: reference years and whole-day filters are counted here. */
export const BANK_TIME_ZONE = 'Asia/Shanghai';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** How a time limit is counted. Only calendar days exist so far; business days need a holiday calendar. */
export interface TimeLimitPolicy {
  days: number;
  counting: 'calendar';
}

/** The standard limit for deciding and informing the customer. */
export const STANDARD_TIME_LIMIT: TimeLimitPolicy = { days: 15, counting: 'calendar' };

/** The due instant of a limit that starts at `start`. */
export function dueDate(start: Date, policy: TimeLimitPolicy = STANDARD_TIME_LIMIT): Date {
  switch (policy.counting) {
    case 'calendar':
      return new Date(start.getTime() + policy.days * DAY_MS);
  }
}

/**
 * Whole days from `now` until `due`, rounded down, so that the number is negative exactly
 * when the complaint is overdue (due in 10 hours → 0; overdue by 1 hour → -1).
 */
export function wholeDaysLeft(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / DAY_MS);
}

/** The calendar year of an instant in the bank's time zone (a complaint received 31 Dec 20:00 UTC is next year's in Beijing). */
export function bankYear(instant: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: BANK_TIME_ZONE, year: 'numeric' }).format(instant));
}

/**
 * Start (inclusive) and end (exclusive) of a calendar day `YYYY-MM-DD` in the bank's time
 * zone. China has no daylight saving, so a fixed +08:00 offset is exact.
 */
export function bankDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** Statuses in which the complaint's clock runs (it stops once resolved, rejected or withdrawn). */
export const OPEN_STATUSES = ['received', 'assigned', 'in_progress'] as const;

export interface ClockInput {
  status: string;
  dueAt: Date;
  pausedAt: Date | null;
  /** When the clock stopped (resolved / rejected / withdrawn / closed), if it has. */
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
  const open = (OPEN_STATUSES as readonly string[]).includes(input.status);
  if (!open) {
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
