import type { Change } from '@xb/contracts';

/**
 * Percentages as the circulated reports print them: one decimal, rounded half up on the
 * exact ratio (45 of 102 = 44.1, 1 of 8 = 12.5, 1 of 16 = 6.3). Integer arithmetic, so no
 * binary-float surprises (0.15 × 100 ≠ 15 in floating point).
 */

/** round(numerator / denominator, 1 decimal), half away from zero; integers in, one-decimal number out. */
export function roundedRatio(numerator: number, denominator: number, scale = 1): number {
  if (denominator === 0) throw new RangeError('denominator is zero');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator) * scale * 10;
  const d = Math.abs(denominator);
  const tenths = Math.floor((2 * n + d) / (2 * d));
  return (sign * tenths) / 10 || 0;
}

/** part / whole in percent, one decimal; null when whole is 0 (a rate of nothing is not 0%). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : roundedRatio(part, whole, 100);
}

/** A share of a total in percent, one decimal; 0 when the total is 0 (nothing has no share). */
export function shareOf(part: number, whole: number): number {
  return percentOf(part, whole) ?? 0;
}

/** current against previous: difference and percent change (one decimal; null when previous is 0). */
export function changeOf(current: number, previous: number): Change {
  return { current, previous, delta: current - previous, percent: previous === 0 ? null : roundedRatio(current - previous, previous, 100) };
}

/** Average in days of a total in minutes, one decimal; null when there is nothing to average. */
export function averageDays(totalMinutes: number, count: number): number | null {
  return count === 0 ? null : roundedRatio(totalMinutes, count * 1440);
}

/** 44.1 → "44.1%", null → "—"; for report text. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}

/** A signed percent change for report text: "+12.5%", "-3.0%", "—". */
export function formatChange(change: Change): string {
  if (change.percent === null) return change.current === 0 ? '—' : '新增';
  return `${change.percent > 0 ? '+' : ''}${change.percent.toFixed(1)}%`;
}
