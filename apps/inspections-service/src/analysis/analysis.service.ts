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
    const groups = await this.sums(inspectionScope(actor), readFrom, q.to, q.groupBy);
    const templates = await this.templateTexts(inspectionScope(actor), readFrom, q.to);
    const firstQuarter = quarterOf(q.from);
    const shown = [...groups.values()].filter((g) => q.groupBy !== 'quarter' || g.key >= firstQuarter);
    const overall = this.combine(shown, 'all', '合计');
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
      for (const [k, i] of g.items) {
        const t = all.items.get(k) ?? { achieved: 0, possible: 0, failures: 0 };
        t.achieved += i.achieved;
        t.possible += i.possible;
        t.failures += i.failures;
        all.items.set(k, t);
      }
      all.rect.opened += g.rect.opened;
      all.rect.verified += g.rect.verified;
      all.rect.onTime += g.rect.onTime;
    }
    return all;
  }

  /**
   * The four sums per group: from the quarter roll-ups when the period is whole quarters (its
   * last quarter may run to today: no visit lies in the future), else from the visits.
   */
  private async sums(scope: string, from: string, to: string, groupBy: 'outlet' | 'branch' | 'quarter'): Promise<Map<string, Sums>> {
    const firstQ = quarterOf(from);
    const lastQ = quarterOf(to);
    const whole = from === quarterBounds(firstQ).first && (to === quarterBounds(lastQ).last || to >= bankDay());
    /** The group key and name; `o` is the outlet's directory row, `b` its branch (groupBy=branch). */
    const groupOf = (quarter: string, outlet: string) =>
      ({
        outlet: `${outlet}::text AS g, coalesce(o.name, ${outlet}::text) AS gname`,
        branch: `coalesce(b.id, o.id, ${outlet})::text AS g, coalesce(b.name, o.name, ${outlet}::text) AS gname`,
        quarter: `${quarter} AS g, ${quarter} AS gname`,
      })[groupBy];
    const branchJoin = (path: string) =>
      groupBy === 'branch'
        ? `LEFT JOIN LATERAL (SELECT id, name FROM directory_org_unit b WHERE b.type = 'branch' AND NOT b.deleted AND ${path} LIKE b.path || '%' ORDER BY b.depth DESC LIMIT 1) b ON true`
        : '';
    const visitsFrom = whole ? quarterBounds(firstQ).first : from;
    const visitsTo = whole ? quarterBounds(lastQ).last : to;
    const visits = `
      WITH v AS MATERIALIZED (
        SELECT i.id, i.points_achieved, i.points_possible, i.passed, i.red_line_failed, ${groupOf(`to_char(i.visit_date, 'YYYY"Q"Q')`, 'i.outlet_id')}
          FROM inspection i
          LEFT JOIN directory_org_unit o ON o.id = i.outlet_id
          ${branchJoin('i.outlet_path')}
         WHERE i.status = 'reviewed' AND i.kind = 'routine' AND i.visit_date BETWEEN $2 AND $3 AND i.outlet_path LIKE $1)`;
    const rolled = `
      WITH v AS MATERIALIZED (
        SELECT r.*, ${groupOf('r.quarter', 'r.outlet_id')}
          FROM inspection_rollup r
          JOIN directory_org_unit o ON o.id = r.outlet_id
          ${branchJoin('o.path')}
         WHERE r.quarter BETWEEN $2 AND $3 AND o.path LIKE $1)`;
    const params = [likeStartingWith(scope), visitsFrom, visitsTo];
    const rollParams = [likeStartingWith(scope), firstQ, lastQ];
    const queries = whole
      ? [
          this.ds.query(
            `${rolled} SELECT g, min(gname) AS gname, sum(visits)::int AS visits, sum(achieved) AS achieved, sum(possible) AS possible,
                    sum(judged)::int AS judged, sum(passed)::int AS passed, sum(red_line)::int AS red_line FROM v GROUP BY g`,
            rollParams,
          ),
          this.ds.query(
            `${rolled} SELECT v.g, d.dimension_key AS k, sum(d.achieved) AS achieved, sum(d.possible) AS possible
               FROM v JOIN inspection_rollup_dimension d ON d.outlet_id = v.outlet_id AND d.quarter = v.quarter GROUP BY v.g, d.dimension_key`,
            rollParams,
          ),
          this.ds.query(
            `${rolled} SELECT v.g, s.item_key AS k, sum(s.achieved) AS achieved, sum(s.possible) AS possible, sum(s.failures)::int AS failures
               FROM v JOIN inspection_rollup_item s ON s.outlet_id = v.outlet_id AND s.quarter = v.quarter GROUP BY v.g, s.item_key`,
            rollParams,
          ),
        ]
      : [
          this.ds.query(
            `${visits} SELECT g, min(gname) AS gname, count(*)::int AS visits, coalesce(sum(points_achieved), 0) AS achieved, coalesce(sum(points_possible), 0) AS possible,
                    count(passed)::int AS judged, count(*) FILTER (WHERE passed)::int AS passed, count(*) FILTER (WHERE red_line_failed)::int AS red_line FROM v GROUP BY g`,
            params,
          ),
          this.ds.query(`${visits} SELECT v.g, d.dimension_key AS k, sum(d.achieved) AS achieved, sum(d.possible) AS possible FROM v JOIN inspection_dimension_score d ON d.inspection_id = v.id GROUP BY v.g, d.dimension_key`, params),
          this.ds.query(
            `${visits} SELECT v.g, s.item_key AS k, sum(s.achieved) AS achieved, sum(s.possible) AS possible, count(*) FILTER (WHERE s.failed)::int AS failures
               FROM v JOIN inspection_item_score s ON s.inspection_id = v.id GROUP BY v.g, s.item_key`,
            params,
          ),
        ];
    queries.push(
      this.ds.query(
        `${visits} SELECT v.g, count(*)::int AS opened, count(*) FILTER (WHERE r.status = 'verified')::int AS verified,
                count(*) FILTER (WHERE r.status = 'verified' AND (r.verified_at AT TIME ZONE 'Asia/Shanghai')::date <= r.deadline)::int AS on_time
           FROM v JOIN rectification r ON r.inspection_id = v.id GROUP BY v.g`,
        params,
      ),
    );
    const [base, dims, items, rects] = (await Promise.all(queries)) as [
      { g: string; gname: string; visits: number; achieved: number; possible: number; judged: number; passed: number; red_line: number }[],
      { g: string; k: string; achieved: number; possible: number }[],
      { g: string; k: string; achieved: number; possible: number; failures: number }[],
      { g: string; opened: number; verified: number; on_time: number }[],
    ];
    const out = new Map<string, Sums>();
    for (const b of base) {
      out.set(b.g, {
        key: b.g,
        name: b.gname,
        visits: b.visits,
        achieved: Number(b.achieved),
        possible: Number(b.possible),
        judged: b.judged,
        passed: b.passed,
        redLine: b.red_line,
        dims: new Map(),
        items: new Map(),
        rect: { opened: 0, verified: 0, onTime: 0 },
      });
    }
    for (const d of dims) out.get(d.g)?.dims.set(d.k, { achieved: Number(d.achieved), possible: Number(d.possible) });
    for (const i of items) out.get(i.g)?.items.set(i.k, { achieved: Number(i.achieved), possible: Number(i.possible), failures: i.failures });
    for (const r of rects) {
      const s = out.get(r.g);
      if (s) s.rect = { opened: r.opened, verified: r.verified, onTime: r.on_time };
    }
    return out;
  }

  /** Names of dimensions and items from the template versions the period's visits used (newest wins). */
  private async templateTexts(scope: string, from: string, to: string): Promise<{ dimensions: { key: string; name: string }[]; items: Map<string, string> }> {
    const rows = (await this.ds.query(
      `SELECT t.body FROM inspection_template t
        WHERE t.id IN (SELECT DISTINCT template_id FROM inspection WHERE status = 'reviewed' AND visit_date BETWEEN $2 AND $3 AND outlet_path LIKE $1)
        ORDER BY t.key, t.version`,
      [likeStartingWith(scope), from, addDays(to, 0)],
    )) as { body: ChecklistTemplate }[];
    const dims = new Map<string, string>();
    const items = new Map<string, string>();
    for (const { body } of rows) {
      for (const d of body.dimensions) dims.set(d.key, d.name);
      for (const i of body.items) items.set(i.key, i.text);
    }
    return { dimensions: [...dims].map(([key, name]) => ({ key, name })), items };
  }
}
