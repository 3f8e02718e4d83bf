import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { METRICS, type MetricValues, type TotalsGroupBy } from '@xb/contracts/campaigns';
import { escapeLike } from '@xb/service-kit';
import { DataSource } from 'typeorm';

export const zeroValues = (): MetricValues => Object.fromEntries(METRICS.map((m) => [m, 0])) as MetricValues;

/** The figures of a set of roll-up rows `r` of one dimension (outlets counted once; a row exists only while it has verified activities). */
const SUMS = `
  COALESCE(sum(r.activities), 0)::int AS activities,
  COALESCE(sum(r.sessions), 0)::bigint AS sessions,
  COALESCE(sum(r.people_reached), 0)::bigint AS "peopleReached",
  COALESCE(sum(r.materials), 0)::bigint AS materials,
  COALESCE(sum(r.online_views), 0)::bigint AS "onlineViews",
  COALESCE(sum(r.staff_person_times), 0)::bigint AS "staffPersonTimes",
  count(DISTINCT r.org_unit_id) FILTER (WHERE r.org_unit_type = 'outlet')::int AS outlets,
  count(DISTINCT r.org_unit_id) FILTER (WHERE r.org_unit_type = 'outlet' AND r.eposter_activities > 0)::int AS "eposterOutlets"`;

/** Every unit on a roll-up row's path (a unit counts its subtree); filtered to the root's subtree by the caller. */
const ANCESTORS = `LATERAL unnest(string_to_array(trim(both '/' from r.org_path), '/')) AS g(key)`;

type Row = Record<string, string | number> & { key?: string };
const values = (r: Row): MetricValues => Object.fromEntries(METRICS.map((m) => [m, Number(r[m] ?? 0)])) as MetricValues;

/**
 * The SQL of totals. It reads the roll-ups (`campaign_rollup`, `campaign_staff_rollup`) that
 * the activity table's triggers keep in every verifying transaction (migration
 * `TotalsRollup1795780000000`): a few hundred rows per campaign instead of every activity.
 */
@Injectable()
export class TotalsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Totals over the verified activities of `campaignIds` under `path` (staff and outlets counted once across them). */
  async overall(campaignIds: string[], path: string): Promise<MetricValues> {
    const [row] = (await this.ds.query(
      `SELECT ${SUMS},
              (SELECT count(DISTINCT s.staff_id) FROM campaign_staff_rollup s
                WHERE s.campaign_id = ANY($1::uuid[]) AND s.dim = 'all' AND s.key = '' AND s.org_path LIKE $2)::int AS "distinctStaff"
         FROM campaign_rollup r WHERE r.campaign_id = ANY($1::uuid[]) AND r.dim = 'all' AND r.key = '' AND r.org_path LIKE $2`,
      [campaignIds, `${escapeLike(path)}%`],
    )) as Row[];
    return values(row);
  }

  /** Totals per group; for `unit` every unit on the activities' paths (filter to the root's subtree afterwards). */
  async grouped(campaignId: string, path: string, groupBy: TotalsGroupBy): Promise<Map<string, MetricValues>> {
    const args = [campaignId, `${escapeLike(path)}%`];
    const [dim, key, from] = groupBy === 'unit' ? ['all', 'g.key', `, ${ANCESTORS}`] : [groupBy, 'r.key', ''];
    const where = `r.campaign_id = $1 AND r.dim = '${dim}' AND r.org_path LIKE $2`;
    const [sums, staff] = await Promise.all([
      this.ds.query(`SELECT ${key} AS key, ${SUMS} FROM campaign_rollup r ${from} WHERE ${where} GROUP BY 1`, args) as Promise<Row[]>,
      // Distinct staff: each (group, person) once, then counted (a hash aggregate instead of a sort per group).
      this.ds.query(
        `SELECT key, count(*)::int AS n FROM (SELECT DISTINCT ${key} AS key, r.staff_id FROM campaign_staff_rollup r ${from} WHERE ${where}) x GROUP BY 1`,
        args,
      ) as Promise<{ key: string; n: number }[]>,
    ]);
    const distinct = new Map(staff.map((r) => [r.key, r.n]));
    return new Map(sums.map((r) => [String(r.key), { ...values(r), distinctStaff: distinct.get(String(r.key)) ?? 0 }]));
  }

  /** Targets of a campaign: unit id ('' for overall) → metric → value. */
  async targets(campaignId: string): Promise<Map<string, Map<string, number>>> {
    const rows = (await this.ds.query(`SELECT COALESCE(org_unit_id::text, '') AS unit, metric, value FROM campaign_target WHERE campaign_id = $1`, [campaignId])) as {
      unit: string;
      metric: string;
      value: string;
    }[];
    const out = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (!out.has(r.unit)) out.set(r.unit, new Map());
      out.get(r.unit)!.set(r.metric, Number(r.value));
    }
    return out;
  }
}
