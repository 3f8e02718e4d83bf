import { createEventTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The campaigns schema: the outbox and event ledger of the kit, and the first aggregate. */
export class Init1795695684547 implements MigrationInterface {
  name = 'Init1795695684547';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    await q.query(`
      CREATE TABLE entry (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL CHECK (org_path LIKE '/%/'),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // "This unit and everything below it" is a prefix match on the materialised path.
    await q.query(`CREATE INDEX entry_scope_idx ON entry (org_path text_pattern_ops, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE entry`);
    await dropEventTables(q);
  }
}
