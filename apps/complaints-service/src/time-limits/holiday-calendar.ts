/**
 * The PRC public-holiday calendar as data: statutory holidays (放假) and the make-up
 * working days (调休上班) that the State Council announces each year. The rows live in
 * the `holiday_calendar` table (seeded by migration, editable by DBAs when a new notice is
 * published); this class only answers "is this a business day?".
 */

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** `YYYY-MM-DD`, a civil day in Beijing. */
  day: string;
  /** `holiday`: no work although it may be a weekday; `workday`: work although it is a weekend (调休). */
  kind: CalendarDayKind;
  name?: string;
}

const DAY_RULE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` + n days (proleptic Gregorian, no time zone involved). */
export function addCivilDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export class HolidayCalendar {
  private readonly kinds = new Map<string, CalendarDayKind>();
  private readonly years = new Set<number>();

  constructor(days: readonly CalendarDay[]) {
    for (const { day, kind } of days) {
      if (!DAY_RULE.test(day)) throw new Error(`Calendar day "${day}" is not YYYY-MM-DD`);
      if (this.kinds.has(day) && this.kinds.get(day) !== kind) throw new Error(`Calendar day ${day} is both a holiday and a working day`);
      this.kinds.set(day, kind);
      this.years.add(Number(day.slice(0, 4)));
    }
  }

  /** A calendar with no holidays: Monday to Friday are business days. */
  static weekendsOnly(): HolidayCalendar {
    return new HolidayCalendar([]);
  }

  /** True when work is done that day: a make-up working day, or a weekday that is no holiday. */
  isBusinessDay(day: string): boolean {
    const kind = this.kinds.get(day);
    if (kind) return kind === 'workday';
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * True on a day of a statutory holiday break as announced (放假, weekend days inside the
   * break included): Civil Code art. 203 moves a period's last day that falls on one. A plain
   * weekend outside a break is not one here (see docs/regulations.md).
   */
  isStatutoryHoliday(day: string): boolean {
    return this.kinds.get(day) === 'holiday';
  }

  /** Whether the calendar holds any data for that year (outside it only weekends count as rest days). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  get size(): number {
    return this.kinds.size;
  }
}
