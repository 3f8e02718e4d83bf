import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HolidayCalendar, type CalendarDayKind } from '../../time-limits/holiday-calendar.js';
import { bankDayBounds, bankDayOf, complaintDueAt, DAY_MS, dueDate, type DayCounting } from '../../time-limits/time-limits.js';

/** Timeline action written for each recounted complaint (also in contracts' TIMELINE_ACTIONS). */
const ACTION = 'deadline-recounted';
const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

interface OpenRow {
  id: string;
  status: string;
  clock_started_at: Date;
  extension_level: number;
  paused_ms: string;
  day_counting: DayCounting;
  due_at: Date;
  received_at: Date;
  report_back_due_at: Date | null;
}

/**
 * Deadlines counted by the Civil Code's period rules (arts. 201, 203; docs/regulations.md):
 * until now calendar-day limits were receipt + n × 24 h, up to a day early, and a last day in
 * a holiday break did not move. This recounts every complaint whose clock still runs (closed,
 * rejected and withdrawn complaints keep the due dates they were judged by), bumps its version
 * and writes a `deadline-recounted` timeline row with the old and new dates.
 *
 * - `due_at`: the current rule (`complaintDueAt`) on the stored clock; wall-clock pause totals
 *   of older rows are rounded up to whole days, so no deadline comes earlier for a pause.
 * - `report_back_due_at`: a business-day deadline already ended at 24:00 and is kept; a
 *   calendar one (receipt + n × 24 h, not at a Beijing midnight) is recounted for the same n.
 *
 * The migration calls the time-limit functions of this release: it is meant to run once, on the
 * data written under the old rule. No deadline comes earlier: the old rule's dates all lie on
 * or before the new rule's (same day or an earlier one, pauses counted in full days).
 */
export class DeadlinesByCivilCode1795800000000 implements MigrationInterface {
  name = 'DeadlinesByCivilCode1795800000000';

  async up(q: QueryRunner): Promise<void> {
    const days = (await q.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM holiday_calendar`)) as { day: string; kind: CalendarDayKind }[];
    const calendar = new HolidayCalendar(days);
    const rows = (await q.query(
      `SELECT id, status, clock_started_at, extension_level, paused_ms, day_counting, due_at, received_at, report_back_due_at
         FROM complaint WHERE status IN ('received', 'assigned', 'in_progress', 'resolved') FOR UPDATE`,
    )) as OpenRow[];
    const changes: { id: string; status: string; dueAt: Date; previousDueAt: Date; reportBackDueAt: Date | null; previousReportBackDueAt: Date | null }[] = [];
    for (const r of rows) {
      const dueAt = complaintDueAt(
        { clockStartedAt: r.clock_started_at, extensionLevel: r.extension_level, pausedMs: Number(r.paused_ms), counting: r.day_counting },
        calendar,
      );
      const reportBackDueAt = recountReportBack(r.received_at, r.report_back_due_at, calendar);
      const sameDue = dueAt.getTime() === r.due_at.getTime();
      const sameReportBack = (reportBackDueAt?.getTime() ?? null) === (r.report_back_due_at?.getTime() ?? null);
      if (sameDue && sameReportBack) continue;
      changes.push({ id: r.id, status: r.status, dueAt, previousDueAt: r.due_at, reportBackDueAt, previousReportBackDueAt: r.report_back_due_at });
    }
    if (!changes.length) return;
    await q.query(
      `UPDATE complaint c SET due_at = u.due_at, report_back_due_at = u.report_back_due_at, version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS u(id, due_at, report_back_due_at)
        WHERE c.id = u.id`,
      [changes.map((c) => c.id), changes.map((c) => c.dueAt.toISOString()), changes.map((c) => c.reportBackDueAt?.toISOString() ?? null)],
    );
    await q.query(
      `INSERT INTO complaint_timeline (id, complaint_id, action, from_status, to_status, actor_id, actor_username, actor_org_unit_id, occurred_at, note, details)
       SELECT gen_random_uuid(), u.id, $4, u.status, u.status, $5, 'system', NULL, now(), NULL, u.details
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS u(id, status, details)`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.status),
        changes.map((c) =>
          JSON.stringify({
            dueAt: c.dueAt.toISOString(),
            previousDueAt: c.previousDueAt.toISOString(),
            reportBackDueAt: c.reportBackDueAt?.toISOString() ?? null,
            previousReportBackDueAt: c.previousReportBackDueAt?.toISOString() ?? null,
            rule: 'Civil Code arts. 201, 203: the receipt day is not counted; the last day ends at 24:00 and moves past a statutory holiday',
          }),
        ),
        ACTION,
        SYSTEM_ACTOR_ID,
      ],
    );
  }

  async down(): Promise<void> {
    // The old dates are on each complaint's timeline (`previousDueAt`); nothing is undone automatically.
  }
}

/** A calendar report-back deadline of the old rule (receipt + n × 24 h) recounted for the same n; others kept. */
function recountReportBack(receivedAt: Date, reportBackDueAt: Date | null, calendar: HolidayCalendar): Date | null {
  if (!reportBackDueAt) return null;
  if (bankDayBounds(bankDayOf(reportBackDueAt)).start.getTime() === reportBackDueAt.getTime()) return reportBackDueAt;
  const n = Math.round((reportBackDueAt.getTime() - receivedAt.getTime()) / DAY_MS);
  return dueDate(receivedAt, { days: n, counting: 'calendar' }, calendar);
}
