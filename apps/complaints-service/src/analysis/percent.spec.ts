import { describe, expect, it } from '@jest/globals';
import { averageDays, changeOf, formatChange, formatPercent, percentOf, roundedRatio, shareOf } from './percent.js';

describe('percentages as the reports print them (two decimals, as the seeds: 下降11.32%)', () => {
  it('reproduces the seed report: 45 of 102 = 44.12%, 81/102 = 79.41%, 17/102 = 16.67%, 4/102 = 3.92%', () => {
    expect(shareOf(45, 102)).toBe(44.12);
    expect(shareOf(81, 102)).toBe(79.41);
    expect(shareOf(17, 102)).toBe(16.67);
    expect(shareOf(4, 102)).toBe(3.92);
    expect(shareOf(11, 102)).toBe(10.78);
    expect(shareOf(9, 102)).toBe(8.82);
  });

  it('rounds half up on the exact ratio, not on a binary float', () => {
    expect(shareOf(1, 8)).toBe(12.5);
    expect(shareOf(1, 16)).toBe(6.25);
    expect(shareOf(1, 1600)).toBe(0.06); // 0.0625 exactly → 0.06
    expect(shareOf(29, 20000)).toBe(0.15); // 0.145 exactly → 0.15 (0.145 × 100 is 14.4999… in floating point)
    expect(shareOf(1, 3)).toBe(33.33);
    expect(shareOf(2, 3)).toBe(66.67);
    expect(shareOf(102, 102)).toBe(100);
    expect(shareOf(0, 102)).toBe(0);
  });

  it('has no rate of nothing: null for percentOf, 0 for a share', () => {
    expect(percentOf(0, 0)).toBeNull();
    expect(shareOf(0, 0)).toBe(0);
    expect(() => roundedRatio(1, 0)).toThrow(RangeError);
  });

  it('computes changes with sign, rounding half away from zero', () => {
    expect(changeOf(102, 85)).toEqual({ current: 102, previous: 85, delta: 17, percent: 20 });
    expect(changeOf(85, 102)).toEqual({ current: 85, previous: 102, delta: -17, percent: -16.67 });
    expect(changeOf(7, 8).percent).toBe(-12.5);
    expect(changeOf(5, 0)).toEqual({ current: 5, previous: 0, delta: 5, percent: null });
    expect(changeOf(0, 0).percent).toBeNull();
    expect(Object.is(changeOf(3, 3).percent, 0)).toBe(true);
  });

  it('averages handling time in days with one decimal', () => {
    expect(averageDays(3 * 1440 + 720, 1)).toBe(3.5);
    expect(averageDays(10 * 1440, 3)).toBe(3.3);
    expect(averageDays(0, 0)).toBeNull();
  });

  it('formats for report text', () => {
    expect(formatPercent(44.12)).toBe('44.12%');
    expect(formatPercent(20)).toBe('20.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatChange(changeOf(102, 85))).toBe('+20.00%');
    expect(formatChange(changeOf(85, 102))).toBe('-16.67%');
    expect(formatChange(changeOf(4, 0))).toBe('新增');
    expect(formatChange(changeOf(0, 0))).toBe('—');
  });
});
