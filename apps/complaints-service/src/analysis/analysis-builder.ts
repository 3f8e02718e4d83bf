import {
  BUSINESS_CATEGORIES,
  CAUSES,
  CHANNELS,
  COMPLAINT_STATUSES,
  SEVERITIES,
  type AnalysisDimension,
  type AnalysisOrgUnit,
  type AnalysisPeriod,
  type BreakdownLine,
  type CodedItem,
  type ComplaintAnalysis,
} from '@xb/contracts';
import { closureBuckets } from './closure-buckets.js';
import { rollUpOrgUnits, type UnitCounts } from './org-rollup.js';
import { averageDays, changeOf, percentOf, shareOf } from './percent.js';
import { addMonths } from './periods.js';
import { addVectors, decodeVector, emptyVector, type StatsDimension, type StatsSums } from './stats-layout.js';

/** A unit's summed roll-up vector in one period (as the repository reads it). */
export interface UnitVector {
  orgUnitId: string;
  orgPath: string;
  orgUnitName: string;
  v: readonly number[];
}

export interface AnalysisData {
  period: AnalysisPeriod;
  previousPeriod: AnalysisPeriod;
  lastYearPeriod: AnalysisPeriod;
  rootPath: string;
  root: { orgUnitId: string | null; orgUnitName: string | null };
  groupBy: readonly AnalysisDimension[];
  units: readonly AnalysisOrgUnit[];
  current: readonly UnitVector[];
  previous: readonly UnitVector[];
  lastYear: readonly UnitVector[];
  /** Months of the period with counts; last year's months keyed by their own month. */
  monthly: readonly { month: string; n: number; resolved: number }[];
  monthlyLastYear: readonly { month: string; n: number }[];
  /** Open and past due now, per unit. */
  overdueOpen: ReadonlyMap<string, number>;
  months: readonly string[];
  now: Date;
}

/**
 * Customers informed of the decision (反馈, replied or later): where the clock stops. The
 * roll-up counts them as informed on time + informed late (migration 1795600000000).
 */
const informedOf = (d: StatsSums): number => d.metrics.onTime + d.metrics.overdueResolved;

const sumOf = (rows: readonly UnitVector[]): StatsSums => decodeVector(rows.reduce((acc, r) => addVectors(acc, r.v), emptyVector()));

const unitCounts = (rows: readonly UnitVector[]): UnitCounts[] =>
  rows.map((r) => {
    const d = decodeVector(r.v);
    return { orgUnitId: r.orgUnitId, orgPath: r.orgPath, orgUnitName: r.orgUnitName, n: d.n, resolved: d.metrics.resolved, informed: informedOf(d), onTime: d.metrics.onTime };
  });

function breakdown<K extends string>(items: readonly CodedItem<K>[], dimension: StatsDimension, now: StatsSums, previous: StatsSums, lastYear: StatsSums): BreakdownLine<K>[] {
  return items.map((item) => {
    const count = now[dimension][item.key] ?? 0;
    return {
      key: item.key,
      code: item.code,
      label: item.zh,
      count,
      share: shareOf(count, now.n),
      previous: changeOf(count, previous[dimension][item.key] ?? 0),
      lastYear: changeOf(count, lastYear[dimension][item.key] ?? 0),
    };
  });
}

/** The analysis answer from the period sums: pure, so the figures are unit-tested without a database. */
export function buildAnalysis(data: AnalysisData): ComplaintAnalysis {
  const now = sumOf(data.current);
  const previous = sumOf(data.previous);
  const lastYear = sumOf(data.lastYear);
  const m = now.metrics;
  const informed = informedOf(now);
  const overdueOpen = [...data.overdueOpen.values()].reduce((a, b) => a + b, 0);
  const wants = (d: AnalysisDimension) => data.groupBy.includes(d);
  const transferredTotal = now.channel.hotline_12345 + now.channel.hotline_12363 + now.channel.regulator_transfer;
  const lastYearByMonth = new Map(data.monthlyLastYear.map((r) => [r.month, r.n]));
  const monthly = new Map(data.monthly.map((r) => [r.month, r]));

  return {
    period: data.period,
    previousPeriod: data.previousPeriod,
    lastYearPeriod: data.lastYearPeriod,
    scope: { orgPath: data.rootPath, orgUnitId: data.root.orgUnitId, orgUnitName: data.root.orgUnitName },
    groupBy: [...data.groupBy],
    total: now.n,
    previous: changeOf(now.n, previous.n),
    lastYear: changeOf(now.n, lastYear.n),
    ...(wants('orgUnit')
      ? {
          byOrgUnit: rollUpOrgUnits({
            rootPath: data.rootPath,
            units: data.units,
            current: unitCounts(data.current),
            previous: unitCounts(data.previous),
            lastYear: unitCounts(data.lastYear),
            overdueOpen: data.overdueOpen,
            total: now.n,
          }),
        }
      : {}),
    ...(wants('channel') ? { byChannel: breakdown(CHANNELS, 'channel', now, previous, lastYear) } : {}),
    ...(wants('businessCategory') ? { byBusinessCategory: breakdown(BUSINESS_CATEGORIES, 'businessCategory', now, previous, lastYear) } : {}),
    ...(wants('cause') ? { byCause: breakdown(CAUSES, 'cause', now, previous, lastYear) } : {}),
    ...(wants('severity') ? { bySeverity: breakdown(SEVERITIES, 'severity', now, previous, lastYear) } : {}),
    ...(wants('status') ? { byStatus: breakdown(COMPLAINT_STATUSES, 'status', now, previous, lastYear) } : {}),
    transferred: {
      hotline12345: now.channel.hotline_12345,
      hotline12363: now.channel.hotline_12363,
      regulatorTransfer: now.channel.regulator_transfer,
      total: transferredTotal,
      share: shareOf(transferredTotal, now.n),
    },
    // 按时反馈率: decided AND informed within the limit / informed (CBIRC 2020 Order No. 3 art. 18).
    timeliness: { resolved: m.resolved, informed, onTime: m.onTime, rate: percentOf(m.onTime, informed) },
    satisfaction: {
      followedUp: m.followedUp,
      satisfied: m.satisfied,
      basicallySatisfied: m.basicallySatisfied,
      dissatisfied: m.dissatisfied,
      rate: percentOf(m.satisfied + m.basicallySatisfied, m.followedUp),
    },
    // Receipt → customer informed.
    averageHandlingDays: averageDays(m.handlingMinutes, informed),
    closureBuckets: closureBuckets({
      within15: m.within15,
      within16to30: m.within16to30,
      within31to60: m.within31to60,
      over60: m.over60,
      overdueResolved: m.overdueResolved,
      overdueOpen,
      // Complaints whose clock runs (resolved-but-not-informed included) are counted by the roll-up; the clock decides which are past due.
      openWithinLimit: Math.max(0, m.open - overdueOpen),
      notResolved: m.notResolved,
    }),
    trend: data.months.map((month) => ({
      month,
      count: monthly.get(month)?.n ?? 0,
      lastYear: lastYearByMonth.get(addMonths(`${month}-01`, -12).slice(0, 7)) ?? 0,
      resolved: monthly.get(month)?.resolved ?? 0,
    })),
    generatedAt: data.now.toISOString(),
  };
}
