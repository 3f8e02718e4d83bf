import type { Change } from '@xb/contracts';

/**
 * Percentages as the circulated reports print them: two decimals (the seeds' "下降11.32%",
 * "下降50.76%"), rounded half up on the exact ratio (45 of 102 = 44.12, 1 of 8 = 12.50,
 * 1 of 16 = 6.25). Integer arithmetic, so no binary-float surprises (0.15 × 100 ≠ 15 in
 * floating point). Days keep one decimal.
 */
export const PERCENT_DECIMALS = 2;

/** round(numerator / denominator × scale, `decimals` places), half away from zero. */
export function roundedRatio(numerator: number, denominator: number, scale = 1, decimals = 1): number {
  if (denominator === 0) throw new RangeError('denominator is zero');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const unit = 10 ** decimals;
  const n = Math.abs(numerator) * scale * unit;
  const d = Math.abs(denominator);
  const units = Math.floor((2 * n + d) / (2 * d));
  return (sign * units) / unit || 0;
}

/** part / whole in percent, two decimals; null when whole is 0 (a rate of nothing is not 0%). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : roundedRatio(part, whole, 100, PERCENT_DECIMALS);
}

/** A share of a total in percent, two decimals; 0 when the total is 0 (nothing has no share). */
export function shareOf(part: number, whole: number): number {
  return percentOf(part, whole) ?? 0;
}

/** current against previous: difference and percent change (two decimals; null when previous is 0). */
export function changeOf(current: number, previous: number): Change {
  return { current, previous, delta: current - previous, percent: previous === 0 ? null : roundedRatio(current - previous, previous, 100, PERCENT_DECIMALS) };
}

/** Average in days of a total in minutes, one decimal; null when there is nothing to average. */
export function averageDays(totalMinutes: number, count: number): number | null {
  return count === 0 ? null : roundedRatio(totalMinutes, count * 1440);
}

/** 44.12 → "44.12%", null → "—"; for report text. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(PERCENT_DECIMALS)}%`;
}

/** A signed percent change for report text: "+12.50%", "-3.00%", "—". */
export function formatChange(change: Change): string {
  if (change.percent === null) return change.current === 0 ? '—' : '新增';
  return `${change.percent > 0 ? '+' : ''}${change.percent.toFixed(PERCENT_DECIMALS)}%`;
}
