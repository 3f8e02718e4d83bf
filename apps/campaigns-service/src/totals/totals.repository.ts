import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { METRICS, type MetricValues, type TotalsGroupBy } from '@xb/contracts/campaigns';
import { escapeLike } from '@xb/service-kit';
import { DataSource } from 'typeorm';

export const zeroValues = (): MetricValues => Object.fromEntries(METRICS.map((m) => [m, 0])) as MetricValues;

/** The figures of a set of verified activities `a` (outlets counted once, staff once per person). */
const SUMS = `
  count(*)::int AS activities,
  COALESCE(sum(a.sessions), 0)::bigint AS sessions,
  COALESCE(sum(a.people_reached), 0)::bigint AS "peopleReached",
  COALESCE(sum(a.materials), 0)::bigint AS materials,
  COALESCE(sum(a.online_views), 0)::bigint AS "onlineViews",
  COALESCE(sum(cardinality(a.staff_ids)), 0)::bigint AS "staffPersonTimes",
  count(DISTINCT a.org_unit_id) FILTER (WHERE a.org_unit_type = 'outlet')::int AS outlets,
  count(DISTINCT a.org_unit_id) FILTER (WHERE a.org_unit_type = 'outlet' AND a.eposters)::int AS "eposterOutlets"`;

/** The grouping key of each groupBy (over activities `a`); unit groups are every ancestor of the activity's unit within the root. */
const KEYS: Record<TotalsGroupBy, { from: string; key: string }> = {
  unit: { from: `, LATERAL unnest(string_to_array(trim(both '/' from a.org_path), '/')) AS g(key)`, key: 'g.key' },
  venueType: { from: '', key: 'a.venue_type' },
  targetGroup: { from: `, LATERAL unnest(a.target_groups) AS g(key)`, key: 'g.key' },
  topic: { from: `, LATERAL unnest(a.topics) AS g(key)`, key: 'g.key' },
  week: { from: '', key: `to_char(date_trunc('week', a.date), 'YYYY-MM-DD')` },
};

type Row = Record<string, string | number> & { key?: string };
const values = (r: Row): MetricValues => Object.fromEntries(METRICS.map((m) => [m, Number(r[m] ?? 0)])) as MetricValues;

/** The SQL of totals: verified activities of campaigns under a path prefix. */
@Injectable()
export class TotalsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Totals over the verified activities of `campaignIds` under `path`. */
  async overall(campaignIds: string[], path: string): Promise<MetricValues> {
    const args = [campaignIds, `${escapeLike(path)}%`];
    const where = `a.campaign_id = ANY($1::uuid[]) AND a.status = 'verified' AND a.org_path LIKE $2`;
    const [[sums], [staff]] = await Promise.all([
      this.ds.query(`SELECT ${SUMS} FROM campaign_activity a WHERE ${where}`, args) as Promise<Row[]>,
      this.ds.query(`SELECT count(DISTINCT s)::int AS n FROM campaign_activity a, LATERAL unnest(a.staff_ids) s WHERE ${where}`, args) as Promise<{ n: number }[]>,
    ]);
    return { ...values(sums), distinctStaff: staff.n };
  }

  /** Totals per group; for `unit` every unit on the activities' paths (filter to the root's subtree afterwards). */
  async grouped(campaignId: string, path: string, groupBy: TotalsGroupBy): Promise<Map<string, MetricValues>> {
    const { from, key } = KEYS[groupBy];
    const args = [campaignId, `${escapeLike(path)}%`];
    const where = `a.campaign_id = $1 AND a.status = 'verified' AND a.org_path LIKE $2`;
    const [sums, staff] = await Promise.all([
      this.ds.query(`SELECT ${key} AS key, ${SUMS} FROM campaign_activity a ${from} WHERE ${where} GROUP BY 1`, args) as Promise<Row[]>,
      this.ds.query(`SELECT ${key} AS key, count(DISTINCT s)::int AS n FROM campaign_activity a ${from}, LATERAL unnest(a.staff_ids) s WHERE ${where} GROUP BY 1`, args) as Promise<
        { key: string; n: number }[]
      >,
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
