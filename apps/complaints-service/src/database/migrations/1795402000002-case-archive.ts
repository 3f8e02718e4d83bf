import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case archive 案例库: one entry per typical complaint, with root cause, lessons and tags. */
export class CaseArchive1795402000002 implements MigrationInterface {
  name = 'CaseArchive1795402000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_archive_entry (
        complaint_id uuid PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,
        root_cause text NOT NULL,
        lessons text NOT NULL,
        tags text[] NOT NULL CHECK (cardinality(tags) BETWEEN 1 AND 10),
        marked_by_id uuid NOT NULL,
        marked_by_username text NOT NULL,
        marked_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_archive_tags_idx ON case_archive_entry USING gin (tags)`);
    await q.query(`CREATE INDEX case_archive_marked_idx ON case_archive_entry (marked_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_archive_entry`);
  }
}
