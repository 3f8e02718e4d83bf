import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scope index (org_path prefix, newest first) made covering: the same key, plus the
 * columns list filters test and the id that TypeORM's getCount() counts (COUNT(DISTINCT
 * id)). A scoped list's total with a filter on status, channel, category, cause or
 * severity then comes from an index-only scan instead of visiting every row of the
 * subtree in the heap (1M complaints, a branch with ~60,000 loans: 2.2 s → 0.2 s measured).
 * It replaces the init migration's index of the same name, so intake maintains one index,
 * not two.
 */
export class ComplaintScopeCoveringIndex1795500000200 implements MigrationInterface {
  name = 'ComplaintScopeCoveringIndex1795500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaint_scope_received_idx`);
    await q.query(`
      CREATE INDEX complaint_scope_received_idx ON complaint (org_path text_pattern_ops, received_at DESC)
      INCLUDE (id, status, channel, business_category, cause, severity)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaint_scope_received_idx`);
    await q.query(`CREATE INDEX complaint_scope_received_idx ON complaint (org_path text_pattern_ops, received_at DESC)`);
  }
}
