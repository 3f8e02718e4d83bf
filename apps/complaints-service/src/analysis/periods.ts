import type { AnalysisPeriod } from '@xb/contracts';

/**
 * Period arithmetic of the analysis, on whole bank days `YYYY-MM-DD` (Asia/Shanghai; China
 * has no daylight saving, so a day is exactly [00:00+08:00, next 00:00+08:00)). Days are
 * handled as UTC dates internally, which makes adding days and months exact.
 *
 * Comparison periods follow the returns' habit: when the period is whole calendar months
 * (a month, a quarter, a year) the previous period is the same number of months just
 * before (Q3 → Q2, 2026 → 2025) and last year is the same months a year earlier; any other
 * period compares with the same number of days just before, and with the same dates a
 * year earlier (29 February → 28 February).
 */

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as a UTC date, or null (2026-02-30 and 2026-13-01 are not days). */
export function parseDay(text: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function mustParse(day: string): Date {
  const date = parseDay(day);
  if (!date) throw new RangeError(`not a calendar day: ${day}`);
  return date;
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return formatDay(new Date(mustParse(day).getTime() + days * DAY_MS));
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Adds calendar months, clamping the day to the target month's length (31 May + 1 month → 30 June). */
export function addMonths(day: string, months: number): string {
  const date = mustParse(day);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  return formatDay(new Date(Date.UTC(year, monthIndex, Math.min(date.getUTCDate(), daysInMonth(year, monthIndex)))));
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((mustParse(to).getTime() - mustParse(from).getTime()) / DAY_MS) + 1;
}

export function period(from: string, to: string): AnalysisPeriod {
  return { from, to, days: daysInclusive(from, to) };
}

function isLastDayOfMonth(day: string): boolean {
  return addDays(day, 1).endsWith('-01');
}

/** Whole calendar months: starts on a 1st and ends on a month's last day. Returns how many, or 0. */
export function wholeMonths(from: string, to: string): number {
  if (!from.endsWith('-01') || !isLastDayOfMonth(to)) return 0;
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The same-length period just before (环比): the previous quarter for a quarter, the previous N days otherwise. */
export function previousPeriod(from: string, to: string): AnalysisPeriod {
  const months = wholeMonths(from, to);
  if (months > 0) {
    const start = addMonths(from, -months);
    return period(start, addDays(from, -1));
  }
  const days = daysInclusive(from, to);
  return period(addDays(from, -days), addDays(from, -1));
}

/** The same period a year earlier (同比). */
export function lastYearPeriod(from: string, to: string): AnalysisPeriod {
  const months = wholeMonths(from, to);
  if (months > 0) {
    const start = addMonths(from, -12);
    return period(start, addDays(addMonths(start, months), -1));
  }
  return period(addMonths(from, -12), addMonths(to, -12));
}

/** The days of quarter 1–4 of a year. */
export function quarterPeriod(year: number, quarter: number): AnalysisPeriod {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter must be 1-4, got ${quarter}`);
  const from = formatDay(new Date(Date.UTC(year, (quarter - 1) * 3, 1)));
  return period(from, addDays(addMonths(from, 3), -1));
}

/** The months a period touches, `YYYY-MM`, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addMonths(first, 1)) months.push(first.slice(0, 7));
  return months;
}

/** The instant a bank day starts (00:00 in Beijing). */
export function bankDayStart(day: string): Date {
  mustParse(day);
  return new Date(`${day}T00:00:00+08:00`);
}

/** The bank day of an instant (`YYYY-MM-DD` in Beijing). */
export function bankDayOf(instant: Date): string {
  return formatDay(new Date(instant.getTime() + 8 * 3_600_000));
}
