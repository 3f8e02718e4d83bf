import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STATS_VECTOR_SQL_V1 } from './1795500000000-analysis-rollup.js';

/**
 * The roll-up's triggers append instead of upserting. Measured with pgbench at 64 clients
 * (complaint + outbox insert per transaction): upserting the (today, unit) row on every
 * intake cost ~40 % of the raw insert rate — every commit rewrites the same few rows
 * (row locks, a new row version each time, long update chains until vacuum). Appending
 * one small row per change to `complaint_stats_delta` (no index, no lock on shared rows)
 * costs about as much as the outbox row.
 *
 * A leader-locked job in the service folds the log into `complaint_daily_stats` every
 * couple of seconds (`complaint_stats_compact()`: delete a batch and add its sums in one
 * statement, so a change is counted exactly once). Queries read the table plus the
 * not-yet-folded log, so answers stay exact to the last commit; the log holds seconds of
 * changes, or more only while no service instance runs.
 */
const SUMS = STATS_VECTOR_SQL_V1.map((_, i) => `sum(v[${i + 1}])::int`).join(', ');
const BANK_DAY = (alias: string) => `(${alias}.received_at AT TIME ZONE 'Asia/Shanghai')::date`;
const WATCHED = ['status', 'channel', 'business_category', 'cause', 'severity', 'org_unit_id', 'received_at', 'due_at', 'resolved_at', 'satisfaction'];

export class AnalysisRollupDeltaLog1795500000100 implements MigrationInterface {
  name = 'AnalysisRollupDeltaLog1795500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_insert ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_update ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_delete ON complaint`);

    // Appended by the triggers, emptied by complaint_stats_compact(); read whole by queries.
    await q.query(`
      CREATE TABLE complaint_stats_delta (
        day date NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL,
        org_unit_name text NOT NULL,
        v int[] NOT NULL
      )`);

    await q.query(`
      CREATE OR REPLACE FUNCTION complaint_stats_sync() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO complaint_stats_delta (day, org_unit_id, org_path, org_unit_name, v)
          VALUES (${BANK_DAY('OLD')}, OLD.org_unit_id, OLD.org_path, OLD.org_unit_name, int_vector_add(NULL, complaint_stats_vector(OLD), -1));
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO complaint_stats_delta (day, org_unit_id, org_path, org_unit_name, v)
          VALUES (${BANK_DAY('NEW')}, NEW.org_unit_id, NEW.org_path, NEW.org_unit_name, complaint_stats_vector(NEW));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER complaint_stats_on_insert AFTER INSERT ON complaint FOR EACH ROW EXECUTE FUNCTION complaint_stats_sync()`);
    await q.query(`CREATE TRIGGER complaint_stats_on_delete AFTER DELETE ON complaint FOR EACH ROW EXECUTE FUNCTION complaint_stats_sync()`);
    await q.query(`
      CREATE TRIGGER complaint_stats_on_update AFTER UPDATE ON complaint FOR EACH ROW
      WHEN ((${WATCHED.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${WATCHED.map((c) => `NEW.${c}`).join(', ')}))
      EXECUTE FUNCTION complaint_stats_sync()`);

    // Folds up to max_rows log rows into the daily table; returns how many it folded.
    await q.query(`
      CREATE FUNCTION complaint_stats_compact(max_rows int DEFAULT 50000) RETURNS int
      LANGUAGE plpgsql AS $$
      DECLARE folded int;
      BEGIN
        WITH batch AS (
               DELETE FROM complaint_stats_delta
                WHERE ctid = ANY (ARRAY(SELECT ctid FROM complaint_stats_delta LIMIT max_rows))
            RETURNING day, org_unit_id, org_path, org_unit_name, v),
             sums AS (
               SELECT day, org_unit_id, max(org_path) AS org_path, max(org_unit_name) AS org_unit_name, ARRAY[${SUMS}] AS v
                 FROM batch GROUP BY day, org_unit_id),
             upserted AS (
               INSERT INTO complaint_daily_stats AS s (day, org_unit_id, org_path, org_unit_name, v)
               SELECT day, org_unit_id, org_path, org_unit_name, v FROM sums
               ON CONFLICT (day, org_unit_id) DO UPDATE
                 SET v = int_vector_add(s.v, EXCLUDED.v, 1), org_path = EXCLUDED.org_path, org_unit_name = EXCLUDED.org_unit_name
               RETURNING 1)
        SELECT (SELECT count(*) FROM batch) INTO folded;
        RETURN folded;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION complaint_stats_rebuild() RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE n_rows bigint;
      BEGIN
        LOCK TABLE complaint IN SHARE MODE;
        DELETE FROM complaint_stats_delta;
        DELETE FROM complaint_daily_stats;
        INSERT INTO complaint_daily_stats (day, org_unit_id, org_path, org_unit_name, v)
        SELECT ${BANK_DAY('c')}, c.org_unit_id, max(c.org_path), max(c.org_unit_name),
               ARRAY[${STATS_VECTOR_SQL_V1.map((e) => `sum(${e})::int`).join(', ')}]
          FROM complaint c
         GROUP BY 1, 2;
        GET DIAGNOSTICS n_rows = ROW_COUNT;
        RETURN n_rows;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT complaint_stats_compact(2147483647)`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_insert ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_update ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_delete ON complaint`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_stats_compact(int)`);
    await q.query(`DROP TABLE IF EXISTS complaint_stats_delta`);
    // Back to the upserting triggers of 1795500000000.
    await q.query(`
      CREATE OR REPLACE FUNCTION complaint_stats_sync() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND ${BANK_DAY('OLD')} = ${BANK_DAY('NEW')} AND OLD.org_unit_id = NEW.org_unit_id THEN
          PERFORM complaint_stats_apply(${BANK_DAY('NEW')}, NEW.org_unit_id, NEW.org_path, NEW.org_unit_name,
                                        int_vector_add(complaint_stats_vector(NEW), complaint_stats_vector(OLD), -1));
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM complaint_stats_apply(${BANK_DAY('OLD')}, OLD.org_unit_id, OLD.org_path, OLD.org_unit_name,
                                        int_vector_add(NULL, complaint_stats_vector(OLD), -1));
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM complaint_stats_apply(${BANK_DAY('NEW')}, NEW.org_unit_id, NEW.org_path, NEW.org_unit_name, complaint_stats_vector(NEW));
        END IF;
        RETURN NULL;
      END $$`);
    const deferred = `DEFERRABLE INITIALLY DEFERRED FOR EACH ROW`;
    await q.query(`CREATE CONSTRAINT TRIGGER complaint_stats_on_insert AFTER INSERT ON complaint ${deferred} EXECUTE FUNCTION complaint_stats_sync()`);
    await q.query(`CREATE CONSTRAINT TRIGGER complaint_stats_on_delete AFTER DELETE ON complaint ${deferred} EXECUTE FUNCTION complaint_stats_sync()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER complaint_stats_on_update AFTER UPDATE ON complaint ${deferred}
      WHEN ((${WATCHED.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${WATCHED.map((c) => `NEW.${c}`).join(', ')}))
      EXECUTE FUNCTION complaint_stats_sync()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION complaint_stats_rebuild() RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE n_rows bigint;
      BEGIN
        LOCK TABLE complaint IN SHARE MODE;
        DELETE FROM complaint_daily_stats;
        INSERT INTO complaint_daily_stats (day, org_unit_id, org_path, org_unit_name, v)
        SELECT ${BANK_DAY('c')}, c.org_unit_id, max(c.org_path), max(c.org_unit_name),
               ARRAY[${STATS_VECTOR_SQL_V1.map((e) => `sum(${e})::int`).join(', ')}]
          FROM complaint c
         GROUP BY 1, 2;
        GET DIAGNOSTICS n_rows = ROW_COUNT;
        RETURN n_rows;
      END $$`);
  }
}
