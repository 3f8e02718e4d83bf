import { createDirectoryTables, createEventTables, dropDirectoryTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inspections schema: the kit's outbox and event ledger, the directory replica (outlets,
 * branches, inspectors), versioned templates, inspections with their answers and per-dimension
 * points (what the analysis sums), and rectifications 整改.
 */
export class Init1796000000000 implements MigrationInterface {
  name = 'Init1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    await createDirectoryTables(q);
    await q.query(`
      CREATE TABLE inspection_template (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        version int NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        name text NOT NULL,
        -- the ChecklistTemplate as the scoring reads it; frozen once published
        body jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (key, version)
      )`);
    // At most one draft per key: the next version is edited there.
    await q.query(`CREATE UNIQUE INDEX inspection_template_one_draft ON inspection_template (key) WHERE status = 'draft'`);
    await q.query(`
      CREATE TABLE inspection (
        id uuid PRIMARY KEY,
        outlet_id uuid NOT NULL,
        outlet_path text NOT NULL CHECK (outlet_path LIKE '/%/'),
        template_id uuid NOT NULL REFERENCES inspection_template (id),
        inspector_id uuid NOT NULL,
        scenario text NOT NULL,
        kind text NOT NULL DEFAULT 'routine' CHECK (kind IN ('routine', 'reinspection')),
        reinspection_of uuid REFERENCES inspection (id),
        item_keys text[] NOT NULL DEFAULT '{}',
        planned_date date NOT NULL,
        visit_date date,
        status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'submitted', 'returned', 'reviewed')),
        answers jsonb NOT NULL DEFAULT '[]',
        score jsonb,
        total numeric,
        points_achieved double precision,
        points_possible double precision,
        passed boolean,
        red_line_failed boolean NOT NULL DEFAULT false,
        idempotency_key text,
        return_reason text,
        reviewed_by uuid,
        submitted_at timestamptz,
        reviewed_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // A retried submit (same inspector, same key) finds the first one instead of making a second visit.
    await q.query(`CREATE UNIQUE INDEX inspection_idempotency ON inspection (inspector_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX inspection_scope_idx ON inspection (outlet_path text_pattern_ops, planned_date DESC)`);
    await q.query(`CREATE INDEX inspection_reviewed_idx ON inspection (visit_date) WHERE status = 'reviewed' AND kind = 'routine'`);
    // Per visit and dimension: Σ achieved / Σ possible of its answered items (unrounded), for ratio-of-totals roll-ups.
    await q.query(`
      CREATE TABLE inspection_dimension_score (
        inspection_id uuid NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
        dimension_key text NOT NULL,
        achieved double precision NOT NULL,
        possible double precision NOT NULL,
        PRIMARY KEY (inspection_id, dimension_key)
      )`);
    // Per visit and answered item: what the weakest-items analysis sums.
    await q.query(`
      CREATE TABLE inspection_item_score (
        inspection_id uuid NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
        item_key text NOT NULL,
        achieved double precision NOT NULL,
        possible double precision NOT NULL,
        failed boolean NOT NULL,
        PRIMARY KEY (inspection_id, item_key)
      )`);
    await q.query(`
      CREATE TABLE rectification (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspection (id),
        outlet_id uuid NOT NULL,
        item_key text NOT NULL,
        item_text text NOT NULL,
        dimension_key text NOT NULL,
        red_line boolean NOT NULL,
        owner_unit_id uuid NOT NULL,
        owner_path text NOT NULL CHECK (owner_path LIKE '/%/'),
        deadline date NOT NULL,
        immediate boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('open', 'fix_submitted', 'verified')),
        fix_note text,
        fix_file_ids uuid[] NOT NULL DEFAULT '{}',
        reject_reason text,
        rejections int NOT NULL DEFAULT 0,
        reopens uuid REFERENCES rectification (id),
        reopened_by uuid REFERENCES rectification (id),
        escalated_at timestamptz,
        escalated_to_unit_id uuid,
        verified_at timestamptz,
        verified_by uuid,
        opened_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        UNIQUE (inspection_id, item_key)
      )`);
    await q.query(`CREATE INDEX rectification_scope_idx ON rectification (owner_path text_pattern_ops, deadline)`);
    await q.query(`CREATE INDEX rectification_overdue_idx ON rectification (deadline) WHERE status = 'open' AND escalated_at IS NULL`);
    await q.query(`CREATE INDEX rectification_outlet_item_idx ON rectification (outlet_id, item_key, opened_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rectification, inspection_item_score, inspection_dimension_score, inspection, inspection_template`);
    await dropDirectoryTables(q);
    await dropEventTables(q);
  }
}
