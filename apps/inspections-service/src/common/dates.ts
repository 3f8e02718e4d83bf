/** Calendar days of the bank (China Standard Time, no daylight saving): visit days, deadlines, quarters. */
const BANK_TZ_OFFSET_MS = 8 * 3600_000;

/** The bank's calendar day of an instant, YYYY-MM-DD. */
export function bankDay(at: Date = new Date()): string {
  return new Date(at.getTime() + BANK_TZ_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Quarter of a day: 2026-11-20 → 2026Q4. */
export function quarterOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** First and last day of a quarter (2026Q4 → 2026-10-01, 2026-12-31). */
export function quarterBounds(quarter: string): { first: string; last: string } {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const first = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const nextFirst = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(nextFirst, -1) };
}

/** The quarter before (2026Q1 → 2025Q4) and the same quarter a year before. */
export const previousQuarter = (quarter: string): string => {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
};
export const yearBefore = (quarter: string): string => `${Number(quarter.slice(0, 4)) - 1}${quarter.slice(4)}`;

/** A real calendar day YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
