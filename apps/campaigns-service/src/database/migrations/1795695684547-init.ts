import { createDirectoryTables, createEventTables, dropDirectoryTables, dropEventTables } from '@xb/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaigns schema: the kit's outbox and event ledger, the directory replica (units and
 * users for audiences, outlets and scope), campaigns with their targets, and activities with
 * their staff and evidence files. Totals read only verified activities.
 */
export class Init1795695684547 implements MigrationInterface {
  name = 'Init1795695684547';

  async up(q: QueryRunner): Promise<void> {
    await createEventTables(q);
    await createDirectoryTables(q);
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        series_key text NOT NULL,
        year int NOT NULL,
        name text NOT NULL,
        theme text,
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date >= start_date),
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL CHECK (org_path LIKE '/%/'),
        topics text[] NOT NULL DEFAULT '{}',
        target_groups text[] NOT NULL,
        rules jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    // One campaign of a series per organising unit and year: year on year finds "the" previous one.
    await q.query(`CREATE UNIQUE INDEX campaign_series_year_uq ON campaign (series_key, year, org_unit_id)`);
    await q.query(`CREATE INDEX campaign_year_idx ON campaign (year)`);
    await q.query(`
      CREATE TABLE campaign_target (
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        org_unit_id uuid,
        metric text NOT NULL,
        value bigint NOT NULL CHECK (value >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX campaign_target_uq ON campaign_target (campaign_id, COALESCE(org_unit_id, '00000000-0000-0000-0000-000000000000'), metric)`);
    await q.query(`
      CREATE TABLE campaign_activity (
        id uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaign (id),
        org_unit_id uuid NOT NULL,
        org_unit_type text NOT NULL,
        org_path text NOT NULL CHECK (org_path LIKE '/%/'),
        date date NOT NULL,
        venue_type text NOT NULL,
        target_groups text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL DEFAULT '{}',
        sessions int NOT NULL CHECK (sessions >= 0),
        staff_ids uuid[] NOT NULL DEFAULT '{}',
        materials int NOT NULL CHECK (materials >= 0),
        people_reached int NOT NULL CHECK (people_reached >= 0),
        online_views bigint NOT NULL CHECK (online_views >= 0),
        eposters boolean NOT NULL,
        description text,
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'verified', 'returned')),
        return_reason text,
        reported_by uuid NOT NULL,
        verified_by uuid,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // Totals: the verified activities of one campaign under a path prefix.
    await q.query(`CREATE INDEX activity_totals_idx ON campaign_activity (campaign_id, org_path text_pattern_ops) WHERE status = 'verified'`);
    await q.query(`CREATE INDEX activity_scope_idx ON campaign_activity (org_path text_pattern_ops, date DESC)`);
    await q.query(`CREATE INDEX activity_campaign_idx ON campaign_activity (campaign_id, status)`);
    await q.query(`
      CREATE TABLE activity_file (
        activity_id uuid NOT NULL REFERENCES campaign_activity (id) ON DELETE CASCADE,
        file_id uuid NOT NULL,
        PRIMARY KEY (activity_id, file_id)
      )`);
    await q.query(`CREATE INDEX activity_file_file_idx ON activity_file (file_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_file`);
    await q.query(`DROP TABLE campaign_activity`);
    await q.query(`DROP TABLE campaign_target`);
    await q.query(`DROP TABLE campaign`);
    await dropDirectoryTables(q);
    await dropEventTables(q);
  }
}
