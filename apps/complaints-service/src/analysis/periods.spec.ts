import { describe, expect, it } from '@jest/globals';
import { addMonths, bankDayOf, bankDayStart, daysInclusive, lastYearPeriod, monthsOf, parseDay, previousPeriod, quarterPeriod, wholeMonths } from './periods.js';

describe('analysis periods', () => {
  it('accepts only real calendar days', () => {
    expect(parseDay('2026-02-28')).not.toBeNull();
    expect(parseDay('2024-02-29')).not.toBeNull();
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2026-7-1')).toBeNull();
    expect(parseDay('2026-07-01T00:00:00Z')).toBeNull();
  });

  it('knows the quarters', () => {
    expect(quarterPeriod(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31', days: 90 });
    expect(quarterPeriod(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31', days: 91 });
    expect(quarterPeriod(2026, 3)).toEqual({ from: '2026-07-01', to: '2026-09-30', days: 92 });
    expect(quarterPeriod(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31', days: 92 });
    expect(() => quarterPeriod(2026, 5)).toThrow(RangeError);
  });

  it('compares a quarter with the previous quarter (环比) and the same quarter last year (同比)', () => {
    expect(previousPeriod('2026-07-01', '2026-09-30')).toEqual({ from: '2026-04-01', to: '2026-06-30', days: 91 });
    expect(previousPeriod('2026-01-01', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31', days: 92 });
    expect(lastYearPeriod('2026-07-01', '2026-09-30')).toEqual({ from: '2025-07-01', to: '2025-09-30', days: 92 });
  });

  it('compares whole months with the months just before and a year before, leap years included', () => {
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29', days: 29 });
    expect(lastYearPeriod('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28', days: 28 });
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31', days: 365 });
    expect(lastYearPeriod('2025-01-01', '2025-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31', days: 366 });
  });

  it('compares other periods with the same number of days just before and the same dates a year before', () => {
    expect(previousPeriod('2026-07-10', '2026-07-19')).toEqual({ from: '2026-06-30', to: '2026-07-09', days: 10 });
    expect(lastYearPeriod('2024-02-29', '2024-03-05')).toEqual({ from: '2023-02-28', to: '2023-03-05', days: 6 });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28', days: 1 });
  });

  it('does month arithmetic with clamping and counts days inclusively', () => {
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(daysInclusive('2026-07-01', '2026-07-01')).toBe(1);
    expect(wholeMonths('2026-07-01', '2026-09-30')).toBe(3);
    expect(wholeMonths('2026-07-01', '2026-09-29')).toBe(0);
    expect(wholeMonths('2026-07-02', '2026-09-30')).toBe(0);
    expect(monthsOf('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('counts bank days in Beijing time', () => {
    expect(bankDayStart('2026-07-01').toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(bankDayOf(new Date('2026-06-30T16:00:00.000Z'))).toBe('2026-07-01');
    expect(bankDayOf(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
  });
});
