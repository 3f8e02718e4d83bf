import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@xb/contracts';
import { InspectionAnalysisQueryDto, type AnalysisGroup, type InspectionAnalysis } from '@xb/contracts/inspections';
import { badRequest, likeStartingWith, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { assertPermitted, inspectionScope } from '../common/access.js';
import { addDays, bankDay, isCalendarDay, previousQuarter, quarterBounds, quarterOf, yearBefore } from '../common/dates.js';
import { roundHalfUp } from '../scoring/scoring.js';
import type { ChecklistTemplate } from '../scoring/template.js';

/** Sums of one group: everything a ratio of totals needs, and additive (the overall row is their sum). */
interface Sums {
  key: string;
  name: string;
  visits: number;
  achieved: number;
  possible: number;
  judged: number;
  passed: number;
  redLine: number;
  dims: Map<string, { achieved: number; possible: number }>;
  items: Map<string, { achieved: number; possible: number; failures: number }>;
  rect: { opened: number; verified: number; onTime: number };
}

const pct = (a: number, b: number): number | null => (b > 0 ? roundHalfUp((a / b) * 100) : null);
const WEAKEST = 3;

/**
 * The analysis 暗访分析 by outlet, branch (the outlet's 分行 ancestor, i.e. its subtree rolled up)
 * or quarter of the visit day, over reviewed routine visits in scope. Every figure is a ratio
 * of totals (Σ achieved ÷ Σ possible), never an average of percentages: see
 * docs/inspection-scoring.md, "Roll-ups over many visits".
 */
@Injectable()
export class AnalysisService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async analyse(actor: Actor, data: unknown): Promise<InspectionAnalysis> {
    assertPermitted(actor, 'inspection-analysis', 'list');
    const q = await validateDto(InspectionAnalysisQueryDto, data);
    if (!isCalendarDay(q.from)) throw badRequest('Validation failed', [{ field: 'from', message: 'from must be a calendar day' }]);
    if (!isCalendarDay(q.to)) throw badRequest('Validation failed', [{ field: 'to', message: 'to must be a calendar day' }]);
    if (q.to < q.from) throw badRequest('Validation failed', [{ field: 'to', message: 'to must not be before from' }]);
    if (Date.parse(q.to) - Date.parse(q.from) > 5 * 366 * 86_400_000) throw badRequest('Validation failed', [{ field: 'to', message: 'the period spans at most 5 years' }]);
    // By quarter, the quarter before and a year before the first one are read too, for the changes.
    const readFrom = q.groupBy === 'quarter' ? quarterBounds(yearBefore(quarterOf(q.from))).first : q.from;
    const firstQuarter = quarterOf(q.from);
    const { groups, overallItems, templateIds } = await this.sums(inspectionScope(actor), readFrom, q.to, q.groupBy, firstQuarter);
    const templates = await this.templateTexts(templateIds);
    const shown = [...groups.values()].filter((g) => q.groupBy !== 'quarter' || g.key >= firstQuarter);
    const overall = this.combine(shown, 'all', '合计');
    overall.items = overallItems;
    const out = (s: Sums): AnalysisGroup => this.group(s, templates.items);
    const result: AnalysisGroup[] = shown.map((s) => {
      const g = out(s);
      if (q.groupBy === 'quarter') {
        const prev = groups.get(previousQuarter(s.key));
        const lastYear = groups.get(yearBefore(s.key));
        const total = g.total;
        const before = prev && pct(prev.achieved, prev.possible);
        const yearAgo = lastYear && pct(lastYear.achieved, lastYear.possible);
        g.quarterOnQuarter = total !== null && before != null ? roundHalfUp(total - before) : null;
        g.yearOnYear = total !== null && yearAgo != null ? roundHalfUp(total - yearAgo) : null;
      }
      return g;
    });
    result.sort((a, b) => (q.groupBy === 'quarter' ? a.key.localeCompare(b.key) : a.name.localeCompare(b.name, 'zh-CN') || a.key.localeCompare(b.key)));
    return { from: q.from, to: q.to, groupBy: q.groupBy, method: 'ratio-of-totals', dimensions: templates.dimensions, overall: out(overall), groups: result };
  }

  private group(s: Sums, texts: Map<string, string>): AnalysisGroup {
    const dimensions: Record<string, number | null> = {};
    for (const [k, d] of s.dims) dimensions[k] = pct(d.achieved, d.possible);
    const weakestItems = [...s.items.entries()]
      .map(([itemKey, i]) => ({ itemKey, text: texts.get(itemKey) ?? itemKey, score: pct(i.achieved, i.possible), failures: i.failures }))
      .filter((i) => i.failures > 0)
      .sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || b.failures - a.failures || a.itemKey.localeCompare(b.itemKey))
      .slice(0, WEAKEST);
    return {
      key: s.key,
      name: s.name,
      visits: s.visits,
      total: pct(s.achieved, s.possible),
      dimensions,
      passRate: pct(s.passed, s.judged),
      redLineFailedVisits: s.redLine,
      rectifications: {
        opened: s.rect.opened,
        verified: s.rect.verified,
        verifiedOnTime: s.rect.onTime,
        completionRate: pct(s.rect.verified, s.rect.opened),
        onTimeRate: pct(s.rect.onTime, s.rect.verified),
      },
      weakestItems,
    };
  }

  /** The overall row: the groups' sums added up (its items, only the weakest candidates per group here, come from the query). */
  private combine(groups: Sums[], key: string, name: string): Sums {
    const all: Sums = { key, name, visits: 0, achieved: 0, possible: 0, judged: 0, passed: 0, redLine: 0, dims: new Map(), items: new Map(), rect: { opened: 0, verified: 0, onTime: 0 } };
    for (const g of groups) {
      all.visits += g.visits;
      all.achieved += g.achieved;
      all.possible += g.possible;
      all.judged += g.judged;
      all.passed += g.passed;
      all.redLine += g.redLine;
      for (const [k, d] of g.dims) {
        const t = all.dims.get(k) ?? { achieved: 0, possible: 0 };
        t.achieved += d.achieved;
        t.possible += d.possible;
        all.dims.set(k, t);
      }
      all.rect.opened += g.rect.opened;
      all.rect.verified += g.rect.verified;
      all.rect.onTime += g.rect.onTime;
    }
    return all;
  }

  /**
   * The sums per group, in one set-based query (one snapshot): whole quarters of the period
   * (the last one may run to today: no visit lies in the future) from the quarter roll-ups,
   * the days before the first and after the last whole quarter from the visits themselves.
   * Scope and grouping come from the directory replica (`m`: each outlet in scope and its group).
   * Items come back summed per group and overall, but only the candidates for the weakest
   * (with a failure, and within 0.01 point of the third weakest: `group` sorts them exactly).
   * `shownFrom`: by quarter, the quarters before it are read for the changes only (totals).
   */
  private async sums(
    scope: string,
    from: string,
    to: string,
    groupBy: 'outlet' | 'branch' | 'quarter',
    shownFrom: string,
  ): Promise<{ groups: Map<string, Sums>; overallItems: Sums['items']; templateIds: string[] }> {
    const span = wholeQuarters(from, to, bankDay());
    // Days read from the visits: before the first whole quarter, after the last (or the whole period when no quarter is whole).
    const head = span ? (from < quarterBounds(span.first).first ? [from, addDays(quarterBounds(span.first).first, -1)] : null) : [from, to];
    const tail = span && to > quarterBounds(span.last).last ? [addDays(quarterBounds(span.last).last, 1), to] : null;
    const edges = [head, tail].filter((e): e is string[] => e !== null);
    const params: unknown[] = [likeStartingWith(scope), groupBy === 'quarter' ? shownFrom : null];
    const quarters = span ? `quarter BETWEEN $${params.push(span.first)}::text AND $${params.push(span.last)}::text` : 'false';
    const days = edges.map(([a, b]) => `i.visit_date BETWEEN $${params.push(a)}::date AND $${params.push(b)}::date`).join(' OR ');
    /** A roll-up table's rows of the whole quarters and the same sums of the edge visits, as one source. */
    const source = (rollup: string, visits: string) => [span ? rollup : '', edges.length ? visits : ''].filter(Boolean).join(' UNION ALL ');
    const m = {
      outlet: `SELECT o.id AS outlet_id, o.id::text AS g, o.name AS gname FROM directory_org_unit o WHERE o.path LIKE $1`,
      // The outlet's 分行: the deepest branch among the ids of its path (primary-key look-ups, no pattern scan).
      branch: `SELECT o.id AS outlet_id, coalesce(b.id, o.id)::text AS g, coalesce(b.name, o.name) AS gname
                 FROM directory_org_unit o
                 LEFT JOIN LATERAL (SELECT b.id, b.name FROM directory_org_unit b
                                     WHERE b.id = ANY (string_to_array(trim(both '/' from o.path), '/')::uuid[]) AND b.type = 'branch' AND NOT b.deleted
                                     ORDER BY b.depth DESC LIMIT 1) b ON true
                WHERE o.path LIKE $1`,
      quarter: `SELECT o.id AS outlet_id, NULL::text AS g, NULL::text AS gname FROM directory_org_unit o WHERE o.path LIKE $1`,
    }[groupBy];
    const g = groupBy === 'quarter' ? 'x.quarter' : 'm.g';
    const g2 = groupBy === 'quarter' ? 'x.g' : 'm.g';
    const shown = `($2::text IS NULL OR x.quarter >= $2)`;
    const sql = `
      WITH m AS MATERIALIZED (${m}),
      ev AS MATERIALIZED (
        SELECT i.id, i.outlet_id, to_char(i.visit_date, 'YYYY"Q"Q') AS quarter, i.template_id, i.points_achieved, i.points_possible, i.passed, i.red_line_failed
          FROM inspection i WHERE i.status = 'reviewed' AND i.kind = 'routine' AND (${days || 'false'})),
      t AS MATERIALIZED (${source(
        `SELECT outlet_id, quarter, visits, achieved, possible, judged, passed, red_line, rect_opened, rect_verified, rect_on_time, template_ids
           FROM inspection_rollup WHERE ${quarters}`,
        `SELECT ev.outlet_id, ev.quarter, 1 AS visits, coalesce(ev.points_achieved, 0) AS achieved, coalesce(ev.points_possible, 0) AS possible,
                (ev.passed IS NOT NULL)::int AS judged, coalesce(ev.passed, false)::int AS passed, ev.red_line_failed::int AS red_line,
                rc.opened AS rect_opened, rc.verified AS rect_verified, rc.on_time AS rect_on_time, ARRAY[ev.template_id] AS template_ids
           FROM ev CROSS JOIN LATERAL (
             SELECT count(*)::int AS opened, count(*) FILTER (WHERE r.status = 'verified')::int AS verified,
                    count(*) FILTER (WHERE r.status = 'verified' AND (r.verified_at AT TIME ZONE 'Asia/Shanghai')::date <= r.deadline)::int AS on_time
               FROM rectification r WHERE r.inspection_id = ev.id) rc`,
      )}),
      d AS (${source(
        `SELECT outlet_id, quarter, dimension_key, achieved, possible FROM inspection_rollup_dimension WHERE ${quarters}`,
        `SELECT ev.outlet_id, ev.quarter, d.dimension_key, d.achieved, d.possible FROM ev CROSS JOIN LATERAL (SELECT * FROM inspection_dimension_score d WHERE d.inspection_id = ev.id OFFSET 0) d`,
      )}),
      s AS (${source(
        `SELECT outlet_id, quarter, item_key, achieved, possible, failures FROM inspection_rollup_item WHERE ${quarters}`,
        `SELECT ev.outlet_id, ev.quarter, s.item_key, s.achieved, s.possible, s.failed::int AS failures FROM ev CROSS JOIN LATERAL (SELECT * FROM inspection_item_score s WHERE s.inspection_id = ev.id OFFSET 0) s`,
      )}),
      -- per outlet (or quarter) and item first, without a join: 60 rows an outlet, however many quarters
      si0 AS (
        SELECT ${groupBy === 'quarter' ? 'x.quarter AS g' : 'x.outlet_id'}, x.item_key, sum(x.achieved) AS achieved, sum(x.possible) AS possible, sum(x.failures) AS failures
          FROM s x WHERE ${shown}${groupBy === 'quarter' ? ' AND x.outlet_id IN (SELECT outlet_id FROM m)' : ''} GROUP BY 1, 2),
      -- then per group and item, and per item over every shown group (the overall row)
      si AS (
        SELECT CASE WHEN grouping(${g2}) = 0 THEN ${g2} END AS g, grouping(${g2}) = 1 AS overall, x.item_key,
               sum(x.achieved)::float8 AS achieved, sum(x.possible)::float8 AS possible, sum(x.failures)::int AS failures
          FROM si0 x${groupBy === 'quarter' ? '' : ' JOIN m USING (outlet_id)'}
         GROUP BY GROUPING SETS ((${g2}, x.item_key), (x.item_key))),
      sr AS (
        SELECT si.*, si.achieved / nullif(si.possible, 0) AS ratio FROM si WHERE si.failures > 0),
      sw AS (
        SELECT sr.*, nth_value(sr.ratio, ${WEAKEST}) OVER (PARTITION BY sr.overall, sr.g ORDER BY sr.ratio NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS third
          FROM sr)
      SELECT 't' AS kind, ${g} AS g, min(m.gname) AS gname, NULL AS k, sum(x.visits)::int AS visits, sum(x.achieved)::float8 AS achieved, sum(x.possible)::float8 AS possible,
             sum(x.judged)::int AS judged, sum(x.passed)::int AS passed, sum(x.red_line)::int AS red_line, NULL::int AS failures,
             sum(x.rect_opened)::int AS opened, sum(x.rect_verified)::int AS verified, sum(x.rect_on_time)::int AS on_time
        FROM t x JOIN m USING (outlet_id) GROUP BY 2
      UNION ALL
      SELECT 'd', ${g}, NULL, x.dimension_key, NULL, sum(x.achieved)::float8, sum(x.possible)::float8, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM d x JOIN m USING (outlet_id) WHERE ${shown} GROUP BY 2, 4
      UNION ALL
      SELECT CASE WHEN overall THEN 'o' ELSE 'i' END, g, NULL, item_key, NULL, achieved, possible, NULL, NULL, NULL, failures, NULL, NULL, NULL
        FROM sw WHERE third IS NULL OR ratio <= third + 0.0001
      UNION ALL
      SELECT DISTINCT 'v', NULL, NULL, unnest(x.template_ids)::text, NULL::int, NULL::float8, NULL::float8, NULL::int, NULL::int, NULL::int, NULL::int, NULL::int, NULL::int, NULL::int
        FROM t x JOIN m USING (outlet_id)`;
    // The edge visits' points are read by index per visit (LATERAL, OFFSET 0 keeps the planner from flattening it into a scan of every score).
    // Without JIT: the estimated cost of the per-visit look-ups passes jit_above_cost, and compiling
    // the expressions took 0.6–1.4 s of a query that runs in 80 ms (EXPLAIN ANALYZE on the bench's data).
    const rows = (await this.ds.transaction(async (m) => {
      await m.query(`SET LOCAL jit = off`);
      return m.query(sql, params);
    })) as SumRow[];
    const out = new Map<string, Sums>();
    const overallItems: Sums['items'] = new Map();
    const templateIds: string[] = [];
    for (const r of rows) {
      if (r.kind !== 't') continue;
      out.set(r.g!, {
        key: r.g!,
        name: groupBy === 'quarter' ? r.g! : (r.gname ?? r.g!),
        visits: r.visits!,
        achieved: r.achieved!,
        possible: r.possible!,
        judged: r.judged!,
        passed: r.passed!,
        redLine: r.red_line!,
        dims: new Map(),
        items: new Map(),
        rect: { opened: r.opened!, verified: r.verified!, onTime: r.on_time! },
      });
    }
    for (const r of rows) {
      if (r.kind === 'd') out.get(r.g!)?.dims.set(r.k!, { achieved: r.achieved!, possible: r.possible! });
      else if (r.kind === 'i') out.get(r.g!)?.items.set(r.k!, { achieved: r.achieved!, possible: r.possible!, failures: r.failures! });
      else if (r.kind === 'o') overallItems.set(r.k!, { achieved: r.achieved!, possible: r.possible!, failures: r.failures! });
      else if (r.kind === 'v') templateIds.push(r.k!);
    }
    return { groups: out, overallItems, templateIds };
  }

  /** Names of dimensions and items from the template versions the period's visits used (newest wins). */
  private async templateTexts(templateIds: string[]): Promise<{ dimensions: { key: string; name: string }[]; items: Map<string, string> }> {
    const rows = templateIds.length
      ? ((await this.ds.query(`SELECT t.body FROM inspection_template t WHERE t.id = ANY ($1::uuid[]) ORDER BY t.key, t.version`, [templateIds])) as { body: ChecklistTemplate }[])
      : [];
    const dims = new Map<string, string>();
    const items = new Map<string, string>();
    for (const { body } of rows) {
      for (const d of body.dimensions) dims.set(d.key, d.name);
      for (const i of body.items) items.set(i.key, i.text);
    }
    return { dimensions: [...dims].map(([key, name]) => ({ key, name })), items };
  }
}

/** One row of the analysis query: `t` a group's totals, `d` a dimension, `i` an item (`o` overall), `v` a template version used. */
interface SumRow {
  kind: 't' | 'd' | 'i' | 'o' | 'v';
  g: string | null;
  gname: string | null;
  k: string | null;
  visits: number | null;
  achieved: number | null;
  possible: number | null;
  judged: number | null;
  passed: number | null;
  red_line: number | null;
  failures: number | null;
  opened: number | null;
  verified: number | null;
  on_time: number | null;
}

/**
 * The quarters lying wholly inside [from, to] (the last may run to `today`: no visit lies in
 * the future), or null when there is none.
 */
export function wholeQuarters(from: string, to: string, today: string): { first: string; last: string } | null {
  let first = quarterOf(from);
  if (from !== quarterBounds(first).first) first = nextQuarter(first);
  let last = quarterOf(to);
  if (to !== quarterBounds(last).last && to < today) last = previousQuarter(last);
  return first <= last ? { first, last } : null;
}

const nextQuarter = (quarter: string): string => {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 4 ? `${y + 1}Q1` : `${y}Q${q + 1}`;
};
