import { createDirectoryTables, createEventTables, dropDirectoryTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policies schema: the kit's outbox and event ledger, the directory replica (audiences and
 * acknowledgement rates are computed from it, live), documents, immutable versions with their
 * reviews and history, acknowledgements, review records, drills and incidents.
 */
export class Init1796000000000 implements MigrationInterface {
  name = 'Init1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    await createDirectoryTables(q);
    await q.query(`
      CREATE TABLE policy_document (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('policy', 'rule', 'code_of_conduct', 'emergency_plan', 'notice')),
        owner_unit_id uuid NOT NULL,
        business_line text,
        review_cycle_months int NOT NULL CHECK (review_cycle_months BETWEEN 1 AND 60),
        requires_ack boolean NOT NULL,
        ack_within_days int NOT NULL DEFAULT 14,
        audience_unit_ids uuid[] NOT NULL,
        audience_roles text[] NOT NULL DEFAULT '{}',
        approval_rule jsonb NOT NULL,
        plan_business_type text,
        drill_cycle_months int,
        current_version_id uuid,
        last_reviewed_at timestamptz,
        review_overdue_notified_for timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE policy_version (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES policy_document (id),
        number int NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'in_review', 'returned', 'approved', 'published', 'superseded', 'retired')),
        content text NOT NULL,
        change_summary text NOT NULL,
        material boolean NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        plan jsonb,
        content_hash text NOT NULL,
        author_id uuid NOT NULL,
        author_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        approved_at timestamptz,
        effective_from timestamptz,
        effective_to timestamptz,
        ack_basis_id uuid,
        UNIQUE (document_id, number)
      )`);
    // Never two published versions of a document, and at most one open (draft, in review, approved) one.
    await q.query(`CREATE UNIQUE INDEX policy_version_one_published ON policy_version (document_id) WHERE status = 'published'`);
    await q.query(`CREATE UNIQUE INDEX policy_version_one_open ON policy_version (document_id) WHERE status IN ('draft', 'in_review', 'approved')`);
    await q.query(`CREATE INDEX policy_version_in_force ON policy_version (document_id, effective_from)`);
    // Which version names an attached file (the file-access question of the gateway).
    await q.query(`CREATE INDEX policy_version_attachments ON policy_version USING gin (attachments jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE policy_review (
        id uuid PRIMARY KEY,
        version_id uuid NOT NULL REFERENCES policy_version (id),
        reviewer_id uuid NOT NULL,
        reviewer_name text NOT NULL,
        role text NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('approve', 'request_changes', 'finding')),
        content_hash text NOT NULL,
        article text,
        comment text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX policy_review_one_verdict ON policy_review (version_id, reviewer_id) WHERE verdict <> 'finding'`);
    await q.query(`
      CREATE TABLE policy_version_history (
        id bigserial PRIMARY KEY,
        version_id uuid NOT NULL REFERENCES policy_version (id),
        kind text NOT NULL,
        actor_name text,
        content_hash text,
        comment text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX policy_version_history_version ON policy_version_history (version_id, at)`);
    // 阅知确认: one per user and acknowledgement basis (the latest material version); a non-material successor shares its basis.
    await q.query(`
      CREATE TABLE policy_ack (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL,
        version_id uuid NOT NULL REFERENCES policy_version (id),
        basis_id uuid NOT NULL,
        user_id uuid NOT NULL,
        content_hash text NOT NULL,
        at timestamptz NOT NULL,
        late boolean NOT NULL,
        UNIQUE (basis_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE policy_review_record (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES policy_document (id),
        reviewer_id uuid NOT NULL,
        reviewer_name text NOT NULL,
        note text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE drill (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES policy_document (id),
        version_id uuid NOT NULL REFERENCES policy_version (id),
        planned_for timestamptz NOT NULL,
        scenario text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'conducted')),
        conducted_at timestamptz,
        participants text[] NOT NULL DEFAULT '{}',
        step_times jsonb NOT NULL DEFAULT '[]',
        findings jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX drill_document ON drill (document_id, conducted_at)`);
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES policy_document (id),
        version_id uuid NOT NULL REFERENCES policy_version (id),
        document_title text NOT NULL,
        title text NOT NULL,
        description text,
        level int NOT NULL,
        drill boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('active', 'closed')),
        activated_at timestamptz NOT NULL,
        closed_at timestamptz,
        plan jsonb NOT NULL,
        steps jsonb NOT NULL,
        deadlines jsonb NOT NULL,
        closing_review text,
        follow_ups jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL
      )`);
    // Append-only: corrections are new entries naming the one they correct.
    await q.query(`
      CREATE TABLE incident_timeline (
        id uuid PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident (id),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_name text NOT NULL,
        text text NOT NULL,
        corrects uuid REFERENCES incident_timeline (id)
      )`);
    await q.query(`CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, occurred_at)`);
    await q.query(`
      CREATE FUNCTION incident_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'incident_timeline is append-only'; END $$`);
    await q.query(`CREATE TRIGGER incident_timeline_no_change BEFORE UPDATE OR DELETE ON incident_timeline FOR EACH ROW EXECUTE FUNCTION incident_timeline_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['incident_timeline', 'incident', 'drill', 'policy_review_record', 'policy_ack', 'policy_version_history', 'policy_review', 'policy_version', 'policy_document']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION incident_timeline_append_only()`);
    await dropDirectoryTables(q);
    await dropEventTables(q);
  }
}
