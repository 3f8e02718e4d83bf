import { describe, expect, it } from '@jest/globals';
import { PRC_CALENDAR } from '../database/migrations/1795402000001-holiday-calendar.js';
import { addCivilDays, HolidayCalendar, weekdayOf } from './holiday-calendar.js';

const days = (year: number, kind: 'holiday' | 'workday') => PRC_CALENDAR.filter((d) => d.day.startsWith(`${year}-`) && d.kind === kind).map((d) => d.day);

describe('PRC holiday calendar data (seeded by migration)', () => {
  it('holds valid, distinct dates', () => {
    for (const d of PRC_CALENDAR) {
      expect(d.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${d.day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.day);
    }
    expect(new Set(PRC_CALENDAR.map((d) => d.day)).size).toBe(PRC_CALENDAR.length);
    expect(() => new HolidayCalendar(PRC_CALENDAR)).not.toThrow();
  });

  it('has the 2026 arrangement of the State Council notice: 33 days off, 6 make-up working days, all weekends', () => {
    // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7.
    expect(days(2026, 'holiday')).toHaveLength(33);
    expect(days(2026, 'workday')).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const day of days(2026, 'workday')) expect([0, 6]).toContain(weekdayOf(day));
    expect(PRC_CALENDAR.filter((d) => d.day.startsWith('2026-')).every((d) => !d.provisional)).toBe(true);
    const national = days(2026, 'holiday').filter((d) => d.startsWith('2026-10-'));
    expect(national).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
  });

  it('marks every 2027 day provisional and holds the 13 statutory days only (to be checked against the 2027 notice)', () => {
    const y2027 = PRC_CALENDAR.filter((d) => d.day.startsWith('2027-'));
    expect(y2027.every((d) => d.provisional && d.kind === 'holiday')).toBe(true);
    // 《全国年节及纪念日放假办法》 (2024): 元旦1 春节4 清明1 劳动节2 端午1 中秋1 国庆3.
    expect(y2027).toHaveLength(13);
    expect(days(2027, 'holiday')).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-06', '2027-02-09', '2027-10-01', '2027-10-03']));
  });

  it('answers business days: weekdays work, holidays rest, make-up weekends work', () => {
    const cal = new HolidayCalendar(PRC_CALENDAR);
    expect(cal.isBusinessDay('2026-09-30')).toBe(true); // Wednesday
    expect(cal.isBusinessDay('2026-10-01')).toBe(false); // 国庆
    expect(cal.isBusinessDay('2026-10-07')).toBe(false); // Wednesday, still 国庆
    expect(cal.isBusinessDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isBusinessDay('2026-10-11')).toBe(false); // Sunday
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2028)).toBe(false);
    expect(cal.isBusinessDay('2028-10-02')).toBe(true); // beyond the data: only weekends rest
  });

  it('refuses contradictory data', () => {
    expect(() => new HolidayCalendar([{ day: '2026-10-10', kind: 'holiday' }, { day: '2026-10-10', kind: 'workday' }])).toThrow(/both/);
    expect(() => new HolidayCalendar([{ day: '2026-10-1', kind: 'holiday' }])).toThrow(/YYYY-MM-DD/);
  });

  it('does civil-day arithmetic without time zones', () => {
    expect(addCivilDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCivilDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekdayOf('2026-10-01')).toBe(4);
  });
});
