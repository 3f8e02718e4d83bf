import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaint workflow: assignment, outcome, reply, follow-up, rejection and withdrawal
 * facts; the clock (start, day counting, cycle for reopening, extensions on record);
 * supervision (overdue, escalation target) and the supervision ledger whose unique key
 * makes each reminder and escalation happen at most once, whichever instance runs it.
 */
export class ComplaintWorkflow1795402000000 implements MigrationInterface {
  name = 'ComplaintWorkflow1795402000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaint
        ADD COLUMN clock_started_at timestamptz,
        ADD COLUMN clock_cycle integer NOT NULL DEFAULT 1 CHECK (clock_cycle >= 1),
        ADD COLUMN day_counting text NOT NULL DEFAULT 'calendar' CHECK (day_counting IN ('calendar','business')),
        ADD COLUMN assigned_unit_name text,
        ADD COLUMN assigned_unit_path text CHECK (assigned_unit_path LIKE '/%/'),
        ADD COLUMN assigned_handler_username text,
        ADD COLUMN assigned_at timestamptz,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN outcome text CHECK (outcome IN ('upheld','partially_upheld','not_upheld')),
        ADD COLUMN resolution text,
        ADD COLUMN compensation_amount numeric(12,2) CHECK (compensation_amount >= 0),
        ADD COLUMN reply_method text CHECK (reply_method IN ('phone','sms','letter','in_person','email','app')),
        ADD COLUMN satisfaction text CHECK (satisfaction IN ('satisfied','basically_satisfied','dissatisfied')),
        ADD COLUMN disputes_outcome boolean,
        ADD COLUMN rejected_at timestamptz,
        ADD COLUMN rejection_reason text,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdrawal_reason text,
        ADD COLUMN pause_reason text,
        ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN overdue_at timestamptz,
        ADD COLUMN escalated_to_unit_id uuid,
        ADD COLUMN escalated_to_unit_path text,
        ADD COLUMN reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0)`);
    await q.query(`UPDATE complaint SET clock_started_at = received_at`);
    await q.query(`ALTER TABLE complaint ALTER COLUMN clock_started_at SET NOT NULL`);
    // A paused clock always has its reason; an assignment always has its unit, path and handler.
    await q.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_pause_reason_ck CHECK ((paused_at IS NULL) = (pause_reason IS NULL))`);
    await q.query(`
      ALTER TABLE complaint ADD CONSTRAINT complaint_assignment_ck CHECK (
        (assigned_unit_id IS NULL AND assigned_unit_path IS NULL AND assigned_handler_id IS NULL)
        OR (assigned_unit_id IS NOT NULL AND assigned_unit_path IS NOT NULL AND assigned_handler_id IS NOT NULL))`);

    // Scope: a complaint is also seen by the handling unit's subtree and by its handler.
    await q.query(`CREATE INDEX complaint_assigned_scope_idx ON complaint (assigned_unit_path text_pattern_ops) WHERE assigned_unit_path IS NOT NULL`);
    await q.query(`CREATE INDEX complaint_assigned_handler_idx ON complaint (assigned_handler_id, due_at) WHERE assigned_handler_id IS NOT NULL`);
    // Supervision and the queues read open complaints by due date.
    await q.query(`CREATE INDEX complaint_open_due_idx ON complaint (due_at) WHERE status IN ('received','assigned','in_progress')`);

    // One row per complaint, deadline and kind: the unique key makes reminders and escalations idempotent.
    await q.query(`
      CREATE TABLE complaint_supervision (
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        deadline_key text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (complaint_id, deadline_key, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS complaint_supervision`);
    await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
    await q.query(`DROP INDEX IF EXISTS complaint_assigned_handler_idx`);
    await q.query(`DROP INDEX IF EXISTS complaint_assigned_scope_idx`);
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT IF EXISTS complaint_assignment_ck, DROP CONSTRAINT IF EXISTS complaint_pause_reason_ck`);
    await q.query(`
      ALTER TABLE complaint
        DROP COLUMN clock_started_at, DROP COLUMN clock_cycle, DROP COLUMN day_counting, DROP COLUMN assigned_unit_name,
        DROP COLUMN assigned_unit_path, DROP COLUMN assigned_handler_username, DROP COLUMN assigned_at, DROP COLUMN started_at,
        DROP COLUMN outcome, DROP COLUMN resolution, DROP COLUMN compensation_amount, DROP COLUMN reply_method,
        DROP COLUMN satisfaction, DROP COLUMN disputes_outcome, DROP COLUMN rejected_at, DROP COLUMN rejection_reason,
        DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason, DROP COLUMN pause_reason, DROP COLUMN extensions,
        DROP COLUMN overdue_at, DROP COLUMN escalated_to_unit_id, DROP COLUMN escalated_to_unit_path, DROP COLUMN reopen_count`);
  }
}
