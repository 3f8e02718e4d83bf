import { createEventTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaints schema. Hand-written so that the indexes say what the queries need:
 * scope is a prefix match on org_path (text_pattern_ops) ordered by received_at; the
 * free-text filter is an ILIKE served by trigram indexes; customer_key finds repeats.
 * The workflow columns are here from the start so later migrations add, never reshape.
 */
export class Init1795345084172 implements MigrationInterface {
  name = 'Init1795345084172';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Complaint references TS-<year>-<nnnnnn>: one sequence, never reset, gaps allowed.
    await q.query(`CREATE SEQUENCE complaint_reference_seq AS bigint START 1`);

    await q.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY,
        reference text NOT NULL,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received','assigned','in_progress','resolved','replied','closed','rejected','withdrawn')),
        channel text NOT NULL,
        business_category text NOT NULL,
        cause text NOT NULL,
        severity text NOT NULL DEFAULT 'general' CHECK (severity IN ('general','major')),
        org_unit_id uuid NOT NULL,
        org_unit_name text NOT NULL,
        org_path text NOT NULL CHECK (org_path LIKE '/%/'),
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        customer_name_enc bytea NOT NULL,
        customer_phone_enc bytea NOT NULL,
        customer_id_number_enc bytea,
        customer_name_masked text NOT NULL,
        customer_phone_masked text NOT NULL,
        customer_id_number_masked text,
        customer_key text NOT NULL CHECK (customer_key ~ '^[0-9a-f]{64}$'),
        description text NOT NULL,
        demand text,
        external_ref text,
        report_back_due_at timestamptz,
        named_staff_user_ids uuid[] NOT NULL DEFAULT '{}',
        first_responder_id uuid NOT NULL,
        first_responder_username text NOT NULL,
        idempotency_key text,
        assigned_unit_id uuid,
        assigned_handler_id uuid,
        resolved_at timestamptz,
        replied_at timestamptz,
        closed_at timestamptz,
        paused_at timestamptz,
        paused_ms bigint NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
        extension_level smallint NOT NULL DEFAULT 0 CHECK (extension_level BETWEEN 0 AND 2),
        escalated_at timestamptz,
        repeat_of_id uuid REFERENCES complaint (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX complaint_reference_uq ON complaint (reference)`);
    await q.query(
      `CREATE UNIQUE INDEX complaint_idempotency_uq ON complaint (first_responder_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`CREATE INDEX complaint_scope_received_idx ON complaint (org_path text_pattern_ops, received_at DESC)`);
    await q.query(`CREATE INDEX complaint_received_idx ON complaint (received_at DESC)`);
    await q.query(`CREATE INDEX complaint_status_idx ON complaint (status)`);
    await q.query(`CREATE INDEX complaint_channel_idx ON complaint (channel)`);
    await q.query(`CREATE INDEX complaint_due_idx ON complaint (due_at)`);
    await q.query(`CREATE INDEX complaint_customer_key_idx ON complaint (customer_key, received_at)`);
    await q.query(`CREATE INDEX complaint_repeat_of_idx ON complaint (repeat_of_id) WHERE repeat_of_id IS NOT NULL`);
    await q.query(`CREATE INDEX complaint_reference_trgm ON complaint USING gin (reference gin_trgm_ops)`);
    await q.query(`CREATE INDEX complaint_description_trgm ON complaint USING gin (description gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE complaint_timeline (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        action text NOT NULL,
        from_status text,
        to_status text,
        actor_id uuid NOT NULL,
        actor_username text NOT NULL,
        actor_org_unit_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        note text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX complaint_timeline_complaint_idx ON complaint_timeline (complaint_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS complaint_timeline`);
    await q.query(`DROP TABLE IF EXISTS complaint`);
    await q.query(`DROP SEQUENCE IF EXISTS complaint_reference_seq`);
    await dropEventTables(q);
  }
}
