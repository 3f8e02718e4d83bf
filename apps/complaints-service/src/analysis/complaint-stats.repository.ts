import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OPEN_STATUSES } from './closure-buckets.js';
import { STATS_LAYOUT, STATS_METRICS, summedVectorSql } from './stats-layout.js';

/** Summed roll-up vector of one org unit over a period. */
export interface UnitStatsRow {
  orgUnitId: string;
  orgPath: string;
  orgUnitName: string;
  v: number[];
}

export interface MonthRow {
  month: string;
  n: number;
  resolved: number;
}

/** `a%b_c\` → `a\%b\_c\\`, so a path matches literally inside LIKE. */
const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The roll-up rows of a period and subtree: the folded daily table plus the log not yet folded into it. */
const ROLLUP = `(SELECT day, org_unit_id, org_path, org_unit_name, v FROM complaint_daily_stats
                  WHERE day BETWEEN $1::date AND $2::date AND org_path LIKE $3
                 UNION ALL
                 SELECT day, org_unit_id, org_path, org_unit_name, v FROM complaint_stats_delta
                  WHERE day BETWEEN $1::date AND $2::date AND org_path LIKE $3) AS r`;

/**
 * All SQL of the analysis. Counts come from the roll-up (one row per bank day and unit in
 * `complaint_daily_stats`, plus the trigger-fed log `complaint_stats_delta` that
 * StatsCompactor folds into it; migrations 1795500000000 and 1795500000100), so a year
 * reads thousands of rows, not hundreds of thousands. Only "open and past due", which
 * depends on the clock, is counted from the complaints, on a partial index.
 */
@Injectable()
export class ComplaintStatsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Per unit within the path prefix: the vector summed over the bank days [from, to]. */
  async unitSums(scopePath: string, from: string, to: string): Promise<UnitStatsRow[]> {
    return (await this.ds.query(
      `SELECT org_unit_id AS "orgUnitId", max(org_path) AS "orgPath", max(org_unit_name) AS "orgUnitName", ${summedVectorSql('v')} AS v
         FROM ${ROLLUP}
        GROUP BY org_unit_id`,
      [from, to, likePrefix(scopePath)],
    )) as UnitStatsRow[];
  }

  /** Monthly totals within the path prefix over [from, to]. */
  async monthly(scopePath: string, from: string, to: string): Promise<MonthRow[]> {
    return (await this.ds.query(
      `SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, sum(v[1])::float8 AS n, sum(v[$4])::float8 AS resolved
         FROM ${ROLLUP}
        GROUP BY 1 ORDER BY 1`,
      [from, to, likePrefix(scopePath), resolvedSlot()],
    )) as MonthRow[];
  }

  /** Folds up to `maxRows` of the log into the daily table; how many it folded. */
  async compact(maxRows: number): Promise<number> {
    const [{ folded }] = (await this.ds.query(`SELECT complaint_stats_compact($1) AS folded`, [maxRows])) as { folded: number }[];
    return folded;
  }

  /** Open complaints past due at `now`, received in [fromInstant, toExclusive), per unit. */
  async openOverdue(scopePath: string, fromInstant: Date, toExclusive: Date, now: Date): Promise<Map<string, number>> {
    const rows = (await this.ds.query(
      `SELECT org_unit_id AS "orgUnitId", count(*)::int AS n
         FROM complaint
        WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})
          AND due_at < $1 AND received_at >= $2 AND received_at < $3 AND org_path LIKE $4
        GROUP BY org_unit_id`,
      [now, fromInstant, toExclusive, likePrefix(scopePath)],
    )) as { orgUnitId: string; n: number }[];
    return new Map(rows.map((r) => [r.orgUnitId, r.n]));
  }
}

/** 1-based SQL slot of the "resolved" metric. */
function resolvedSlot(): number {
  return STATS_LAYOUT.metricOffset + STATS_METRICS.indexOf('resolved') + 1;
}
