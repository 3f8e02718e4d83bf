import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FROZEN_STATS_LISTS_V1, STATS_VECTOR_SQL_V1 } from './1795500000000-analysis-rollup.js';

/**
 * The time limit is "decide AND inform the customer" (CBIRC 2020 Order No. 3 art. 18), so
 * the clock stops at 反馈 (`replied_at`, the reported `informedAt`), not at 办结
 * (`resolved_at`). Migration 1795500000000 measured timeliness one step early; this one
 * redefines the roll-up's per-complaint vector (same layout and length, new meaning of
 * some metrics), the update trigger (it now also watches `replied_at`), the rebuild and
 * the partial index of complaints whose clock runs, then rebuilds the roll-up from the
 * complaint table with `complaint_stats_rebuild()`.
 *
 * Metric slots (names kept, so the layout stays frozen — see stats-layout.ts):
 * - `resolved`: decided (resolved_at set) — unchanged, for information and the trend;
 * - `onTime`: customer informed on or before due_at;
 * - `handlingMinutes`: receipt → informed;
 * - `within15` … `over60`: informed within the limit, by receipt → informed;
 * - `overdueResolved`: informed after due_at;
 * - `open`: not yet informed and the clock runs (received / assigned / in_progress / resolved);
 * - `notResolved`: not informed and the clock does not run (rejected, withdrawn).
 * "Informed" (the timeliness denominator) = onTime + overdueResolved.
 *
 * The code lists are a frozen copy (spec: stats-layout.spec.ts), as in 1795500000000.
 */
export const FROZEN_STATS_LISTS_V2 = {
  ...FROZEN_STATS_LISTS_V1,
  open: ['received', 'assigned', 'in_progress', 'resolved'],
} as const;

const L = FROZEN_STATS_LISTS_V2;
const CLOCK = L.open.map((s) => `'${s}'`).join(', ');
const OPEN_V1 = FROZEN_STATS_LISTS_V1.open.map((s) => `'${s}'`).join(', ');
const flag = (condition: string) => `COALESCE(${condition}, false)::int`;
const informedIn = (condition: string) => flag(`c.replied_at <= c.due_at AND ${condition}`);
const took = `(c.replied_at - c.received_at)`;

const METRIC_SQL: Record<(typeof L.metrics)[number], string> = {
  resolved: flag('c.resolved_at IS NOT NULL'),
  onTime: flag('c.replied_at <= c.due_at'),
  handlingMinutes: `COALESCE(floor(greatest(0, extract(epoch FROM ${took})) / 60), 0)::int`,
  within15: informedIn(`${took} <= interval '15 days'`),
  within16to30: informedIn(`${took} > interval '15 days' AND ${took} <= interval '30 days'`),
  within31to60: informedIn(`${took} > interval '30 days' AND ${took} <= interval '60 days'`),
  over60: informedIn(`${took} > interval '60 days'`),
  overdueResolved: flag('c.replied_at > c.due_at'),
  followedUp: flag('c.satisfaction IS NOT NULL'),
  satisfied: flag(`c.satisfaction = 'satisfied'`),
  basicallySatisfied: flag(`c.satisfaction = 'basically_satisfied'`),
  dissatisfied: flag(`c.satisfaction = 'dissatisfied'`),
  open: flag(`c.replied_at IS NULL AND c.status IN (${CLOCK})`),
  notResolved: flag(`c.replied_at IS NULL AND c.status NOT IN (${CLOCK})`),
};

const COLUMN = { channel: 'channel', businessCategory: 'business_category', cause: 'cause', severity: 'severity', status: 'status' } as const;

/** One SQL expression per vector slot, over a complaint row aliased `c` (same layout as V1). */
export const STATS_VECTOR_SQL_V2: string[] = [
  '1',
  ...(Object.keys(COLUMN) as (keyof typeof COLUMN)[]).flatMap((dim) => L[dim].map((key) => flag(`c.${COLUMN[dim]} = '${key}'`))),
  ...L.metrics.map((m) => METRIC_SQL[m]),
];

const BANK_DAY = (alias: string) => `(${alias}.received_at AT TIME ZONE 'Asia/Shanghai')::date`;
const WATCHED_V1 = ['status', 'channel', 'business_category', 'cause', 'severity', 'org_unit_id', 'received_at', 'due_at', 'resolved_at', 'satisfaction'];
const WATCHED_V2 = [...WATCHED_V1, 'replied_at'];

async function define(q: QueryRunner, vector: string[], watched: string[], openList: string): Promise<void> {
  if (vector.length !== STATS_VECTOR_SQL_V1.length) throw new Error('The roll-up vector layout must not change here');
  await q.query(`
    CREATE OR REPLACE FUNCTION complaint_stats_vector(c complaint) RETURNS int[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT ARRAY[${vector.join(',\n             ')}]
    $$`);
  await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_update ON complaint`);
  await q.query(`
    CREATE TRIGGER complaint_stats_on_update AFTER UPDATE ON complaint FOR EACH ROW
    WHEN ((${watched.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${watched.map((c) => `NEW.${c}`).join(', ')}))
    EXECUTE FUNCTION complaint_stats_sync()`);
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
             ARRAY[${vector.map((e) => `sum(${e})::int`).join(', ')}]
        FROM complaint c
       GROUP BY 1, 2;
      GET DIAGNOSTICS n_rows = ROW_COUNT;
      RETURN n_rows;
    END $$`);
  // The partial index of complaints whose clock runs (supervision, the 督办 board, the live
  // "open and past due" count): same name and key as before, predicate on the clock list.
  await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
  await q.query(`
    CREATE INDEX complaint_open_due_idx ON complaint (due_at) INCLUDE (received_at, org_path, org_unit_id)
    WHERE status IN (${openList})`);
  // Rebuild the roll-up from the complaints under the new definition.
  await q.query(`SELECT complaint_stats_rebuild()`);
}

export class AnalysisClockStopsAtReply1795600000000 implements MigrationInterface {
  name = 'AnalysisClockStopsAtReply1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await define(q, STATS_VECTOR_SQL_V2, WATCHED_V2, CLOCK);
  }

  async down(q: QueryRunner): Promise<void> {
    await define(q, STATS_VECTOR_SQL_V1, WATCHED_V1, OPEN_V1);
  }
}
