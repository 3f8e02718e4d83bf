import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files attached to complaints. The bytes live in the JetStream object store
 * (bucket files-complaints, by SHA-256); this table says which complaint each uploaded
 * file belongs to, so the service can answer who may see it. A file belongs to one complaint.
 */
export class ComplaintAttachments1795900000100 implements MigrationInterface {
  name = 'ComplaintAttachments1795900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_attachment (
        file_id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        name text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 char(64) NOT NULL,
        mime_type text NOT NULL,
        attached_by_id uuid NOT NULL,
        attached_by_username text NOT NULL,
        attached_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX complaint_attachment_complaint_idx ON complaint_attachment (complaint_id, attached_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS complaint_attachment`);
  }
}
