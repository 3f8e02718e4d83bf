import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysis roll-up 投诉分析汇总: one row per (bank day, org unit) holding a vector of
 * counts, kept in step with `complaint` by deferred triggers, so that a year's analysis
 * reads a few thousand small rows instead of hundreds of thousands of complaints.
 *
 * Why this shape:
 * - Triggers, not application code: intake, the workflow, imports and any later writer
 *   update the roll-up in their own transaction without knowing about it, so the
 *   figures can never drift from the records.
 * - DEFERRABLE INITIALLY DEFERRED constraint triggers run at COMMIT. The roll-up row of
 *   (today, unit) is hot: every intake for that unit touches it. Taking its row lock at
 *   the very end keeps the lock for the length of the commit only, not of the whole
 *   intake transaction, so concurrent intakes for one unit barely queue.
 * - A vector per (day, unit), not a row per (day, unit, channel, category, cause …):
 *   the cross product of the dimensions is larger than the number of complaints, so it
 *   would not compress at all; marginal counts per dimension are what the analysis and
 *   the returns need. Cross-tabulations (channel × category) come from the complaints.
 * - Day granularity keeps any period answerable; 2 years × 100 units is 73,000 rows.
 * - "Open and past due" depends on the clock, not on the row, so it is counted live
 *   from a partial index of open complaints (created here as well).
 *
 * The code lists below are a frozen copy of the contracts' lists (spec:
 * stats-layout.spec.ts). Adding a code means a new migration that redefines
 * complaint_stats_vector() and calls complaint_stats_rebuild().
 *
 * `satisfaction` and `outcome` are added IF NOT EXISTS: the workflow owns their meaning;
 * the roll-up needs satisfaction (satisfied / basically_satisfied / dissatisfied).
 */

export const FROZEN_STATS_LISTS_V1 = {
  channel: ['counter', 'own_hotline', 'hotline_12345', 'hotline_12363', 'regulator_transfer', 'online', 'letter', 'email', 'media'],
  businessCategory: [
    'deposit',
    'bank_card',
    'social_security_card',
    'credit_card',
    'loan',
    'payment',
    'wealth_management',
    'e_banking',
    'self_service',
    'credit_reporting',
    'rmb_cash',
    'personal_information',
    'service_quality',
    'other',
  ],
  cause: ['process_waiting', 'mis_selling', 'disclosure', 'fees', 'contract_terms', 'attitude', 'system_failure', 'information_security', 'other'],
  severity: ['general', 'major'],
  status: ['received', 'assigned', 'in_progress', 'resolved', 'replied', 'closed', 'rejected', 'withdrawn'],
  metrics: [
    'resolved',
    'onTime',
    'handlingMinutes',
    'within15',
    'within16to30',
    'within31to60',
    'over60',
    'overdueResolved',
    'followedUp',
    'satisfied',
    'basicallySatisfied',
    'dissatisfied',
    'open',
    'notResolved',
  ],
  open: ['received', 'assigned', 'in_progress'],
} as const;

const L = FROZEN_STATS_LISTS_V1;
const OPEN = L.open.map((s) => `'${s}'`).join(', ');
const flag = (condition: string) => `COALESCE(${condition}, false)::int`;
const resolvedIn = (condition: string) => flag(`c.resolved_at <= c.due_at AND ${condition}`);
const took = `(c.resolved_at - c.received_at)`;

const METRIC_SQL: Record<(typeof L.metrics)[number], string> = {
  resolved: flag('c.resolved_at IS NOT NULL'),
  onTime: flag('c.resolved_at <= c.due_at'),
  handlingMinutes: `COALESCE(floor(greatest(0, extract(epoch FROM ${took})) / 60), 0)::int`,
  within15: resolvedIn(`${took} <= interval '15 days'`),
  within16to30: resolvedIn(`${took} > interval '15 days' AND ${took} <= interval '30 days'`),
  within31to60: resolvedIn(`${took} > interval '30 days' AND ${took} <= interval '60 days'`),
  over60: resolvedIn(`${took} > interval '60 days'`),
  overdueResolved: flag('c.resolved_at > c.due_at'),
  followedUp: flag('c.satisfaction IS NOT NULL'),
  satisfied: flag(`c.satisfaction = 'satisfied'`),
  basicallySatisfied: flag(`c.satisfaction = 'basically_satisfied'`),
  dissatisfied: flag(`c.satisfaction = 'dissatisfied'`),
  open: flag(`c.resolved_at IS NULL AND c.status IN (${OPEN})`),
  notResolved: flag(`c.resolved_at IS NULL AND c.status NOT IN (${OPEN})`),
};

const COLUMN = { channel: 'channel', businessCategory: 'business_category', cause: 'cause', severity: 'severity', status: 'status' } as const;

/** One SQL expression per vector slot, over a complaint row aliased `c`. */
export const STATS_VECTOR_SQL_V1: string[] = [
  '1',
  ...(Object.keys(COLUMN) as (keyof typeof COLUMN)[]).flatMap((dim) => L[dim].map((key) => flag(`c.${COLUMN[dim]} = '${key}'`))),
  ...L.metrics.map((m) => METRIC_SQL[m]),
];

const VECTOR_LENGTH = STATS_VECTOR_SQL_V1.length;
const BANK_DAY = (alias: string) => `(${alias}.received_at AT TIME ZONE 'Asia/Shanghai')::date`;

export class AnalysisRollup1795500000000 implements MigrationInterface {
  name = 'AnalysisRollup1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint ADD COLUMN IF NOT EXISTS satisfaction text`);
    await q.query(`ALTER TABLE complaint ADD COLUMN IF NOT EXISTS outcome text`);

    await q.query(`
      CREATE TABLE complaint_daily_stats (
        day date NOT NULL,
        org_unit_id uuid NOT NULL,
        org_path text NOT NULL,
        org_unit_name text NOT NULL,
        v int[] NOT NULL CHECK (cardinality(v) = ${VECTOR_LENGTH}),
        PRIMARY KEY (day, org_unit_id)
      )`);

    // a + factor × b, element by element (NULL a counts as zeros).
    await q.query(`
      CREATE FUNCTION int_vector_add(a int[], b int[], factor int) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_agg(COALESCE(x, 0) + factor * COALESCE(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
      $$`);

    await q.query(`
      CREATE FUNCTION complaint_stats_vector(c complaint) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY[${STATS_VECTOR_SQL_V1.join(',\n               ')}]
      $$`);

    await q.query(`
      CREATE FUNCTION complaint_stats_apply(d date, unit uuid, path text, unit_name text, delta int[]) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO complaint_daily_stats AS s (day, org_unit_id, org_path, org_unit_name, v)
        VALUES (d, unit, path, unit_name, delta)
        ON CONFLICT (day, org_unit_id) DO UPDATE
          SET v = int_vector_add(s.v, EXCLUDED.v, 1), org_path = EXCLUDED.org_path, org_unit_name = EXCLUDED.org_unit_name
      $$`);

    await q.query(`
      CREATE FUNCTION complaint_stats_sync() RETURNS trigger
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
    const watched = ['status', 'channel', 'business_category', 'cause', 'severity', 'org_unit_id', 'received_at', 'due_at', 'resolved_at', 'satisfaction'];
    await q.query(`
      CREATE CONSTRAINT TRIGGER complaint_stats_on_update AFTER UPDATE ON complaint ${deferred}
      WHEN ((${watched.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${watched.map((c) => `NEW.${c}`).join(', ')}))
      EXECUTE FUNCTION complaint_stats_sync()`);

    // Recomputes the whole roll-up from the complaints, set-based (seconds for a million
    // rows). Blocks writers meanwhile so that no deferred delta lands on a half-built table.
    await q.query(`
      CREATE FUNCTION complaint_stats_rebuild() RETURNS bigint
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
    await q.query(`SELECT complaint_stats_rebuild()`);

    // Open complaints are few (most are resolved within days). The workflow's partial
    // index of open complaints by due date (migration 1795402000000, same name, key and
    // predicate) is rebuilt covering, so the live "open and past due" count per unit, a
    // work queue sorted by due date and its count are index-only scans.
    await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
    await q.query(`
      CREATE INDEX complaint_open_due_idx ON complaint (due_at) INCLUDE (received_at, org_path, org_unit_id)
      WHERE status IN (${OPEN})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaint_open_due_idx`);
    await q.query(`CREATE INDEX complaint_open_due_idx ON complaint (due_at) WHERE status IN (${OPEN})`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_update ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_delete ON complaint`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_stats_on_insert ON complaint`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_stats_rebuild()`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_stats_sync()`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_stats_apply(date, uuid, text, text, int[])`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_stats_vector(complaint)`);
    await q.query(`DROP FUNCTION IF EXISTS int_vector_add(int[], int[], int)`);
    await q.query(`DROP TABLE IF EXISTS complaint_daily_stats`);
    // satisfaction and outcome stay: the workflow may hold data in them.
  }
}
