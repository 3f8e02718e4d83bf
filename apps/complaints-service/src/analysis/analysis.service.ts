import { Injectable } from '@nestjs/common';
import { isWithinPath, scopePathOf, type Actor, type ComplaintAnalysis } from '@xb/contracts';
import { DirectoryQueries, forbidden, notFound } from '@xb/service-kit';
import { assertPermitted } from '../complaints/complaint-scope.js';
import { buildAnalysis } from './analysis-builder.js';
import { validateAnalysisCommand, type AnalysisRequest } from './analysis-query.js';
import { ComplaintStatsRepository } from './complaint-stats.repository.js';
import { addDays, bankDayStart, lastYearPeriod, monthsOf, period, previousPeriod } from './periods.js';

/** Who may read analyses (aggregates only, no customer data, so auditors too): the permissions table. */
export function assertMayAnalyse(actor: Actor): void {
  assertPermitted(actor, 'complaint-analysis', 'list');
}

/**
 * 投诉分析: counts of a period by unit (rolled up the tree), channel, category, cause,
 * severity and status, with shares, 环比/同比, timeliness, satisfaction, handling days,
 * closure buckets and a monthly trend. Always inside the caller's data scope.
 */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly stats: ComplaintStatsRepository,
    private readonly directory: DirectoryQueries,
  ) {}

  async run(actor: Actor, data: unknown): Promise<ComplaintAnalysis> {
    assertMayAnalyse(actor);
    return this.analyse(actor, await validateAnalysisCommand(data));
  }

  /** The analysis of a validated request (also what the quarterly report is built from). */
  async analyse(actor: Actor, req: AnalysisRequest, now = new Date()): Promise<ComplaintAnalysis> {
    assertMayAnalyse(actor);
    const rootPath = await this.rootPathOf(actor, req);
    // Labels and the tree to roll up along: the units of the subtree as the directory replica holds them now.
    const units = (await this.directory.unitsWithin(rootPath)).map(({ id, code, name, type, path }) => ({ id, code, name, type, path }));
    const current = period(req.from, req.to);
    const previous = previousPeriod(req.from, req.to);
    const lastYear = lastYearPeriod(req.from, req.to);
    const [currentRows, previousRows, lastYearRows, monthly, monthlyLastYear, overdueOpen] = await Promise.all([
      this.stats.unitSums(rootPath, current.from, current.to),
      this.stats.unitSums(rootPath, previous.from, previous.to),
      this.stats.unitSums(rootPath, lastYear.from, lastYear.to),
      this.stats.monthly(rootPath, current.from, current.to),
      this.stats.monthly(rootPath, lastYear.from, lastYear.to),
      this.stats.openOverdue(rootPath, bankDayStart(current.from), bankDayStart(addDays(current.to, 1)), now),
    ]);
    const rootId = rootPath === '/' ? null : rootPath.split('/').filter(Boolean).at(-1)!;
    const rootName =
      units.find((u) => u.path === rootPath)?.name ??
      [...currentRows, ...previousRows, ...lastYearRows].find((r) => r.orgPath === rootPath)?.orgUnitName ??
      null;
    return buildAnalysis({
      period: current,
      previousPeriod: previous,
      lastYearPeriod: lastYear,
      rootPath,
      root: { orgUnitId: rootId, orgUnitName: rootName },
      groupBy: req.groupBy,
      units,
      current: currentRows,
      previous: previousRows,
      lastYear: lastYearRows,
      monthly,
      monthlyLastYear,
      overdueOpen,
      months: monthsOf(current.from, current.to),
      now,
    });
  }

  /**
   * The subtree to analyse: the caller's scope, or the requested unit's subtree (its current
   * path in the directory replica) when it lies inside that scope (403 otherwise).
   */
  private async rootPathOf(actor: Actor, req: AnalysisRequest): Promise<string> {
    const scope = scopePathOf(actor);
    if (!req.orgUnitId) return scope;
    const path = (await this.directory.unitOrFetch(req.orgUnitId))?.path;
    if (!path) throw notFound('Org unit');
    if (!isWithinPath(path, scope)) throw forbidden('The org unit lies outside your scope');
    return path;
  }
}
