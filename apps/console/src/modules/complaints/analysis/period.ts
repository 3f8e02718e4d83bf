/** Analysis periods as whole bank days `YYYY-MM-DD` (the API's from/to, both inclusive). */
export type PeriodMode = 'quarter' | 'year' | 'custom';

export interface PeriodChoice {
  mode: PeriodMode;
  year: number;
  quarter: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function quarterOf(date: Date): number {
  return Math.floor(date.getMonth() / 3) + 1;
}

export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(year, quarter * 3, 0).getDate();
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(quarter * 3)}-${pad(lastDay)}` };
}

/** Mirrors ANALYSIS_MAX_SPAN_YEARS: the longest period one analysis may cover. */
export const MAX_SPAN_YEARS = 5;

/** Why a custom period cannot be analysed (a message key), or null. */
export function periodProblem(p: PeriodChoice): string | null {
  if (p.mode !== 'custom') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.from) || !/^\d{4}-\d{2}-\d{2}$/.test(p.to) || p.from > p.to) return 'xb.analysis.invalid_period';
  const limit = `${Number(p.from.slice(0, 4)) + MAX_SPAN_YEARS}${p.from.slice(4)}`;
  if (p.to >= limit) return 'xb.analysis.too_long';
  return null;
}

export function periodRange(p: PeriodChoice): { from: string; to: string } | null {
  if (p.mode === 'quarter') return quarterRange(p.year, p.quarter);
  if (p.mode === 'year') return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
  if (periodProblem(p)) return null;
  return { from: p.from, to: p.to };
}

/** The current quarter, with custom dates defaulting to the last 90 days. */
export function defaultPeriod(now = new Date()): PeriodChoice {
  const start = new Date(now.getTime() - 89 * 86_400_000);
  return { mode: 'quarter', year: now.getFullYear(), quarter: quarterOf(now), from: isoDay(start), to: isoDay(now) };
}

/** This year and the five before it. */
export function recentYears(now = new Date()): number[] {
  return Array.from({ length: 6 }, (_, i) => now.getFullYear() - i);
}
