import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PRC holiday calendar as data, for business-day time limits.
 *
 * 2026 — from 《国务院办公厅关于2026年部分节假日安排的通知》, published 2025-11-04 (Xinhua;
 * e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm): holidays and the make-up
 * working days (调休上班) exactly as announced.
 *
 * 2027 — PROVISIONAL. The State Council has not published the 2027 arrangement when this
 * was written. Only the statutory days of 《全国年节及纪念日放假办法》 (as amended by State
 * Council Order No. 795, in force 2025-01-01) are entered, on their 2027 dates (lunar
 * dates computed with ICU's Chinese calendar; 清明 on 5 April): no bridging days and no
 * make-up working days. Rows carry `provisional = true`. When the 2027 notice is published
 * (usually early November), CHECK THESE ROWS AGAINST IT and replace them in a new migration.
 */
export const PRC_CALENDAR: readonly { day: string; kind: 'holiday' | 'workday'; name: string; provisional: boolean }[] = [
  ...range('2026-01-01', '2026-01-03', 'holiday', '元旦'),
  { day: '2026-01-04', kind: 'workday', name: '元旦调休上班', provisional: false },
  { day: '2026-02-14', kind: 'workday', name: '春节调休上班', provisional: false },
  ...range('2026-02-15', '2026-02-23', 'holiday', '春节'),
  { day: '2026-02-28', kind: 'workday', name: '春节调休上班', provisional: false },
  ...range('2026-04-04', '2026-04-06', 'holiday', '清明节'),
  ...range('2026-05-01', '2026-05-05', 'holiday', '劳动节'),
  { day: '2026-05-09', kind: 'workday', name: '劳动节调休上班', provisional: false },
  ...range('2026-06-19', '2026-06-21', 'holiday', '端午节'),
  { day: '2026-09-20', kind: 'workday', name: '国庆节调休上班', provisional: false },
  ...range('2026-09-25', '2026-09-27', 'holiday', '中秋节'),
  ...range('2026-10-01', '2026-10-07', 'holiday', '国庆节'),
  { day: '2026-10-10', kind: 'workday', name: '国庆节调休上班', provisional: false },

  ...range('2027-01-01', '2027-01-01', 'holiday', '元旦(法定,待国务院通知核对)', true),
  ...range('2027-02-06', '2027-02-09', 'holiday', '春节(除夕至初三,法定,待国务院通知核对)', true),
  ...range('2027-04-05', '2027-04-05', 'holiday', '清明节(法定,待国务院通知核对)', true),
  ...range('2027-05-01', '2027-05-02', 'holiday', '劳动节(法定,待国务院通知核对)', true),
  ...range('2027-06-09', '2027-06-09', 'holiday', '端午节(法定,待国务院通知核对)', true),
  ...range('2027-09-15', '2027-09-15', 'holiday', '中秋节(法定,待国务院通知核对)', true),
  ...range('2027-10-01', '2027-10-03', 'holiday', '国庆节(法定,待国务院通知核对)', true),
];

function range(from: string, to: string, kind: 'holiday' | 'workday', name: string, provisional = false) {
  const days: { day: string; kind: 'holiday' | 'workday'; name: string; provisional: boolean }[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), kind, name, provisional });
  }
  return days;
}

export class HolidayCalendar1795402000001 implements MigrationInterface {
  name = 'HolidayCalendar1795402000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_calendar (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday','workday')),
        name text NOT NULL,
        provisional boolean NOT NULL DEFAULT false,
        -- A make-up working day is always a weekend day.
        CHECK (kind = 'holiday' OR extract(isodow FROM day) IN (6, 7))
      )`);
    await q.query(
      `INSERT INTO holiday_calendar (day, kind, name, provisional)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::boolean[])`,
      [PRC_CALENDAR.map((d) => d.day), PRC_CALENDAR.map((d) => d.kind), PRC_CALENDAR.map((d) => d.name), PRC_CALENDAR.map((d) => d.provisional)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS holiday_calendar`);
  }
}
