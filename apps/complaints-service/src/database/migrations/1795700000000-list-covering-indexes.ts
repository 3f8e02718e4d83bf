import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The statuses of complaint_open_due_idx's predicate, frozen as 1795600000000 left them. */
const CLOCK = `'received', 'assigned', 'in_progress', 'resolved'`;

/**
 * Two list indexes made covering, so that a list's capped total (LIST_COUNT_CAP rows in the
 * page's own order) is an index-only scan instead of a heap visit per row:
 *
 * - complaint_received_idx: newest first with the id as the tie-breaker (the lists' order),
 *   plus every column a scope or a list filter tests. At 1M complaints a handler's default
 *   list total went from 12 ms to 3 ms, "12345 in the last 90 days" from 30 ms to 7 ms
 *   (EXPLAIN ANALYZE, warm cache). It costs room: ~310 MB instead of ~22 MB at 1M rows,
 *   mostly the two org paths.
 * - complaint_open_due_idx (the work queue and the 督办 board): by due date with the id,
 *   plus status and the assignment columns: an open queue's total 45 ms → 7 ms.
 *
 * Same names as the indexes they replace, so intake still maintains one index each.
 *
 * complaint_status_idx goes: eight values, and a misleading one after a burst of intakes.
 * Until autovacuum re-analysed the table the planner believed "received" rare and took this
 * index, then sorted 50,000 rows by due date for a page of 25 (74 ms); without it the
 * status-filtered lists walk complaint_open_due_idx or complaint_received_idx in order
 * (2 ms), and every status filter is answered from those covering columns anyway.
 */
export class ListCoveringIndexes1795700000000 implements MigrationInterface {
  name = 'ListCoveringIndexes1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaint_received_idx`);
    await q.query(`
      CREATE INDEX complaint_received_idx ON complaint (received_at DESC, id DESC)
      INCLUDE (org_path, assigned_unit_path, assigned_handler_id, status, channel, business_category, cause, severity)`);
    await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
    await q.query(`
      CREATE INDEX complaint_open_due_idx ON complaint (due_at, id)
      INCLUDE (received_at, org_path, org_unit_id, status, assigned_unit_path, assigned_handler_id)
      WHERE status IN (${CLOCK})`);
    await q.query(`DROP INDEX IF EXISTS complaint_status_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX complaint_status_idx ON complaint (status)`);
    await q.query(`DROP INDEX IF EXISTS complaint_received_idx`);
    await q.query(`CREATE INDEX complaint_received_idx ON complaint (received_at DESC)`);
    await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
    await q.query(`CREATE INDEX complaint_open_due_idx ON complaint (due_at) INCLUDE (received_at, org_path, org_unit_id) WHERE status IN (${CLOCK})`);
  }
}
