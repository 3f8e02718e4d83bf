import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which evidence file (the gateway's `/api/files`) belongs to which visit or rectification:
 * the service answers "may this actor see file X" and the gateway's cleanup question
 * "which of these are attached" from here.
 */
export class EvidenceFiles1796000000100 implements MigrationInterface {
  name = 'EvidenceFiles1796000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_file (
        file_id uuid NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('inspection', 'rectification')),
        record_id uuid NOT NULL,
        attached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (file_id, record_type, record_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_file`);
  }
}
