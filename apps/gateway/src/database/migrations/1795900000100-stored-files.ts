import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded evidence files. The bytes live in the JetStream object store (one bucket per
 * owning service, one object per SHA-256); a row per upload keeps its name, sniffed type,
 * uploader and the record it was attached to. `record_id` is claimed before the owning
 * service is asked to attach and `attached_at` is set once it answered; rows still
 * unattached after FILES_UNATTACHED_TTL_HOURS are removed (with the object, when no other
 * row shares its content).
 */
export class StoredFiles1795900000100 implements MigrationInterface {
  name = 'StoredFiles1795900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_file (
        id uuid PRIMARY KEY,
        purpose text NOT NULL,
        service text NOT NULL,
        name text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL,
        mime_type text NOT NULL,
        has_thumbnail boolean NOT NULL,
        created_by uuid NOT NULL,
        created_by_username text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        record_type text,
        record_id uuid,
        claimed_at timestamptz,
        attached_at timestamptz,
        CHECK (attached_at IS NULL OR record_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX stored_file_content_idx ON stored_file (service, sha256)`);
    await q.query(`CREATE INDEX stored_file_unattached_idx ON stored_file (created_at) WHERE attached_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS stored_file`);
  }
}
