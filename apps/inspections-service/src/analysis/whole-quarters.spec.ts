import { describe, expect, it } from '@jest/globals';
import { wholeQuarters } from './analysis.service.js';

describe('wholeQuarters (which quarters of a period the analysis reads from the roll-ups)', () => {
  const today = '2026-11-26';
  it('takes the quarters lying wholly inside the period', () => {
    expect(wholeQuarters('2025-01-01', '2025-12-31', today)).toEqual({ first: '2025Q1', last: '2025Q4' });
    expect(wholeQuarters('2025-01-02', '2025-12-30', today)).toEqual({ first: '2025Q2', last: '2025Q3' });
  });
  it('lets the last quarter run to today, since no visit lies in the future', () => {
    expect(wholeQuarters('2026-01-01', today, today)).toEqual({ first: '2026Q1', last: '2026Q4' });
    expect(wholeQuarters('2026-01-01', '2026-11-25', today)).toEqual({ first: '2026Q1', last: '2026Q3' });
  });
  it('answers null when no quarter is whole', () => {
    expect(wholeQuarters('2026-10-02', today, today)).toBeNull();
    expect(wholeQuarters('2025-02-01', '2025-03-30', today)).toBeNull();
    expect(wholeQuarters('2025-02-01', '2025-06-30', today)).toEqual({ first: '2025Q2', last: '2025Q2' });
  });
  it('crosses the year', () => {
    expect(wholeQuarters('2024-10-01', '2025-03-31', today)).toEqual({ first: '2024Q4', last: '2025Q1' });
    expect(wholeQuarters('2024-10-02', '2025-03-31', today)).toEqual({ first: '2025Q1', last: '2025Q1' });
  });
});
