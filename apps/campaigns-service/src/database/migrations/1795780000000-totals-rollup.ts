import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Totals roll-ups 统计汇总, kept in the same transaction as every change of a verified activity.
 *
 * Reading totals from the activities meant touching every verified activity of a campaign
 * (one heap page each, 5,000 per campaign in the benchmark) and unnesting paths and staff
 * per request: 235 ms by unit and 530 ms for the year summary under load. The roll-ups hold,
 * per campaign, dimension (`all`, `venueType`, `targetGroup`, `topic`, `week`), key and
 * reporting unit, the sums of its verified activities; and per staff member the number of
 * verified activities they took part in (distinct staff and outlets stay exact: a row
 * exists only while its count is above zero; no CHECK on the counts, as PostgreSQL checks the
 * proposed row of an upsert, a negative delta, before it adds it). Totals then read a few
 * hundred rows.
 *
 * Statement-level triggers with transition tables maintain them set-based, whoever writes
 * (verify, un-verify, import of 10,000 verified rows in one INSERT, the demo loader, the
 * benchmark's INSERT … SELECT): the delta is (new verified rows, +1) ∪ (old verified rows,
 * −1), so a path rewrite or an edit of a draft nets out to nothing.
 */

/** The grouping keys of one activity `d` per dimension (one row each; arrays unnest, each value once). */
const KEYS = `LATERAL (
    SELECT 'all'::text, ''::text
    UNION ALL SELECT 'venueType', d.venue_type
    UNION ALL SELECT 'week', to_char(date_trunc('week', d.date::timestamp), 'YYYY-MM-DD')
    UNION ALL SELECT DISTINCT 'targetGroup', g FROM unnest(d.target_groups) g
    UNION ALL SELECT DISTINCT 'topic', t FROM unnest(d.topics) t
  ) AS k(dim, key)`;

/** Adds the signed figures of `source` (activity rows with a `sign` column) to both roll-ups, then drops rows that reached zero. */
export function applyRollupSql(source: string, mayRemove: boolean): string {
  const statements = [
    `INSERT INTO campaign_rollup AS r (campaign_id, dim, key, org_unit_id, org_unit_type, org_path, activities, sessions, people_reached, materials,
                                       online_views, staff_person_times, eposter_activities)
     SELECT d.campaign_id, k.dim, k.key, d.org_unit_id, max(d.org_unit_type), max(d.org_path), sum(d.sign), sum(d.sign * d.sessions), sum(d.sign * d.people_reached),
            sum(d.sign * d.materials), sum(d.sign * d.online_views), sum(d.sign * cardinality(d.staff_ids)), sum(d.sign * d.eposters::int)
       FROM (${source}) d, ${KEYS}
      GROUP BY 1, 2, 3, 4
     HAVING sum(d.sign) <> 0 OR sum(d.sign * d.sessions) <> 0 OR sum(d.sign * d.people_reached) <> 0 OR sum(d.sign * d.materials) <> 0
         OR sum(d.sign * d.online_views) <> 0 OR sum(d.sign * cardinality(d.staff_ids)) <> 0 OR sum(d.sign * d.eposters::int) <> 0
      ORDER BY 1, 2, 3, 4
     ON CONFLICT (campaign_id, dim, key, org_unit_id) DO UPDATE SET
       activities = r.activities + EXCLUDED.activities, sessions = r.sessions + EXCLUDED.sessions, people_reached = r.people_reached + EXCLUDED.people_reached,
       materials = r.materials + EXCLUDED.materials, online_views = r.online_views + EXCLUDED.online_views,
       staff_person_times = r.staff_person_times + EXCLUDED.staff_person_times, eposter_activities = r.eposter_activities + EXCLUDED.eposter_activities`,
    `INSERT INTO campaign_staff_rollup AS r (campaign_id, dim, key, org_unit_id, staff_id, org_path, times)
     SELECT d.campaign_id, k.dim, k.key, d.org_unit_id, s.staff_id, max(d.org_path), sum(d.sign)
       FROM (${source}) d, ${KEYS}, LATERAL (SELECT DISTINCT x FROM unnest(d.staff_ids) x) AS s(staff_id)
      GROUP BY 1, 2, 3, 4, 5
     HAVING sum(d.sign) <> 0
      ORDER BY 1, 2, 3, 4, 5
     ON CONFLICT (campaign_id, dim, key, org_unit_id, staff_id) DO UPDATE SET times = r.times + EXCLUDED.times`,
  ];
  if (mayRemove) {
    statements.push(
      `DELETE FROM campaign_rollup WHERE activities = 0 AND campaign_id IN (SELECT DISTINCT campaign_id FROM (${source}) d)`,
      `DELETE FROM campaign_staff_rollup WHERE times = 0 AND campaign_id IN (SELECT DISTINCT campaign_id FROM (${source}) d)`,
    );
  }
  return statements.join(';\n');
}

const COLUMNS = `campaign_id, org_unit_id, org_unit_type, org_path, date, venue_type, target_groups, topics, sessions, staff_ids, materials, people_reached, online_views, eposters`;
const verified = (table: string, sign: number) => `SELECT ${COLUMNS}, ${sign} AS sign FROM ${table} WHERE status = 'verified'`;

export class TotalsRollup1795780000000 implements MigrationInterface {
  name = 'TotalsRollup1795780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_rollup (
        campaign_id uuid NOT NULL,
        dim text NOT NULL CHECK (dim IN ('all', 'venueType', 'targetGroup', 'topic', 'week')),
        key text NOT NULL,
        org_unit_id uuid NOT NULL,
        org_unit_type text NOT NULL,
        org_path text NOT NULL,
        activities int NOT NULL,
        sessions bigint NOT NULL,
        people_reached bigint NOT NULL,
        materials bigint NOT NULL,
        online_views bigint NOT NULL,
        staff_person_times bigint NOT NULL,
        eposter_activities int NOT NULL,
        PRIMARY KEY (campaign_id, dim, key, org_unit_id)
      )`);
    await q.query(`
      CREATE TABLE campaign_staff_rollup (
        campaign_id uuid NOT NULL,
        dim text NOT NULL,
        key text NOT NULL,
        org_unit_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        org_path text NOT NULL,
        times int NOT NULL,
        PRIMARY KEY (campaign_id, dim, key, org_unit_id, staff_id)
      )`);
    await q.query(`CREATE FUNCTION campaign_rollup_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      ${applyRollupSql(verified('new_rows', 1), false)};
      RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION campaign_rollup_on_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      ${applyRollupSql(`${verified('new_rows', 1)} UNION ALL ${verified('old_rows', -1)}`, true)};
      RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION campaign_rollup_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      ${applyRollupSql(verified('old_rows', -1), true)};
      RETURN NULL; END $$`);
    await q.query(`CREATE FUNCTION campaign_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      TRUNCATE campaign_rollup, campaign_staff_rollup; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER campaign_rollup_insert AFTER INSERT ON campaign_activity REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_rollup_on_insert()`);
    await q.query(
      `CREATE TRIGGER campaign_rollup_update AFTER UPDATE ON campaign_activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_rollup_on_update()`,
    );
    await q.query(`CREATE TRIGGER campaign_rollup_delete AFTER DELETE ON campaign_activity REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_rollup_on_delete()`);
    await q.query(`CREATE TRIGGER campaign_rollup_truncate AFTER TRUNCATE ON campaign_activity FOR EACH STATEMENT EXECUTE FUNCTION campaign_rollup_on_truncate()`);
    // The activities verified before this migration.
    await q.query(applyRollupSql(verified('campaign_activity', 1), false).split(';\n')[0]);
    await q.query(applyRollupSql(verified('campaign_activity', 1), false).split(';\n')[1]);
    // Totals read the roll-ups now; the partial index over verified activities is not used any more.
    await q.query(`DROP INDEX activity_totals_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX activity_totals_idx ON campaign_activity (campaign_id, org_path text_pattern_ops) WHERE status = 'verified'`);
    for (const t of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER campaign_rollup_${t} ON campaign_activity`);
      await q.query(`DROP FUNCTION campaign_rollup_on_${t}()`);
    }
    await q.query(`DROP TABLE campaign_staff_rollup`);
    await q.query(`DROP TABLE campaign_rollup`);
  }
}
