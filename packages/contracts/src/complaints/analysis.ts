import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { OrgUnitType } from '../org/index.js';
import type { BusinessCategory, Cause, Channel, ComplaintStatus, Severity } from './codes.js';

/**
 * Complaint analysis 投诉分析 and the quarterly circulated report 通报: query DTOs, the
 * shape of the answer, and the patterns. Percentages are numbers with one decimal
 * (45 of 102 → 44.1), rounded half up on the exact ratio; null when the base is zero.
 */

/** Request-reply patterns of analysis and reports. */
export const COMPLAINT_ANALYSIS_PATTERNS = {
  run: 'complaints.analysis.run',
  quarterlyReport: 'complaints.report.quarterly',
} as const;

/** The breakdowns an analysis can hold; `groupBy` picks a subset (default: all). */
export const ANALYSIS_DIMENSIONS = ['orgUnit', 'channel', 'businessCategory', 'cause', 'severity', 'status'] as const;
export type AnalysisDimension = (typeof ANALYSIS_DIMENSIONS)[number];

/** Longest period one analysis may cover. */
export const ANALYSIS_MAX_SPAN_YEARS = 5;

/** A whole bank day (Asia/Shanghai): analysis periods are counted in whole days. */
export const ISO_DAY_RULE = /^\d{4}-\d{2}-\d{2}$/;

/** "channel,orgUnit" or ["channel","orgUnit"] → ["channel","orgUnit"]. */
const commaList = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return value;
};

/** `GET /api/complaints/analysis` query. The service re-validates, adding from ≤ to and the span limit. */
export class ComplaintAnalysisQueryDto {
  @ApiProperty({ example: '2026-07-01', description: 'First day of the period (bank day, inclusive)' })
  @Matches(ISO_DAY_RULE, { message: 'from must be an ISO date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-09-30', description: 'Last day of the period (bank day, inclusive)' })
  @Matches(ISO_DAY_RULE, { message: 'to must be an ISO date YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({
    type: String,
    example: 'orgUnit,channel',
    description: `Comma-separated breakdowns to include: ${ANALYSIS_DIMENSIONS.join(', ')} (default all)`,
  })
  @IsOptional()
  @Transform(commaList)
  @IsIn(ANALYSIS_DIMENSIONS, { each: true, message: `groupBy may only name ${ANALYSIS_DIMENSIONS.join(', ')}` })
  groupBy?: AnalysisDimension[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Narrow to this unit and everything below it (within your scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'orgUnitId must be a UUID' })
  orgUnitId?: string;
}

export const REPORT_FORMATS = ['xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `GET /api/complaints/reports/quarterly` query. */
export class QuarterlyReportQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year: number;

  @ApiProperty({ example: 3, minimum: 1, maximum: 4 })
  @Type(() => Number)
  @IsInt({ message: 'quarter must be 1, 2, 3 or 4' })
  @Min(1, { message: 'quarter must be 1, 2, 3 or 4' })
  @Max(4, { message: 'quarter must be 1, 2, 3 or 4' })
  quarter: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'orgUnitId must be a UUID' })
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be xlsx or html' })
  format?: ReportFormat;
}

/** A unit of the analysed subtree (labels and roll-up), from the service's directory replica. */
export interface AnalysisOrgUnit {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  path: string;
}

/** What the gateway sends on `complaints.analysis.run`. */
export interface ComplaintAnalysisCommand {
  from: string;
  to: string;
  groupBy?: AnalysisDimension[];
  /** The unit whose subtree to analyse; the service reads the subtree from its directory replica. */
  orgUnitId?: string;
}

/** What the gateway sends on `complaints.report.quarterly`. */
export interface QuarterlyReportCommand {
  year: number;
  quarter: number;
  format: ReportFormat;
  orgUnitId?: string;
}

/** A generated file, base64 over NATS (a report is tens of kilobytes). */
export interface ReportFile {
  filename: string;
  contentType: string;
  base64: string;
}

/** Inclusive bank-day bounds of a period. */
export interface AnalysisPeriod {
  from: string;
  to: string;
  days: number;
}

/** A figure against the same figure in a comparison period. */
export interface Change {
  current: number;
  previous: number;
  /** current − previous. */
  delta: number;
  /** Percent change with one decimal; null when previous is 0. */
  percent: number | null;
}

/** One line of a breakdown: a code, its count, its share of the total, and the comparison periods. */
export interface BreakdownLine<K extends string = string> {
  key: K;
  /** Statistical code (JR/T 0169 axis) when the dimension is coded. */
  code: string;
  label: string;
  count: number;
  /** Percent of the analysed total, one decimal. */
  share: number;
  /** Same-length previous period (环比). */
  previous: Change;
  /** Same period last year (同比). */
  lastYear: Change;
}

/** A unit's line: its own complaints and those of its whole subtree. */
export interface OrgUnitLine {
  orgUnitId: string;
  code: string | null;
  name: string;
  type: OrgUnitType | null;
  path: string;
  /** Depth below the analysed root (0 = the root). */
  level: number;
  parentId: string | null;
  /** Complaints recorded at this unit itself (本级). */
  own: number;
  /** This unit and everything below it (含下辖). */
  total: number;
  /** Percent of the analysed total: of `own` and of `total`. */
  ownShare: number;
  totalShare: number;
  /** Own count in the comparison periods. */
  previous: Change;
  lastYear: Change;
  /** Timeliness of this unit's own complaints (按时反馈: decided AND customer informed within the limit). */
  /** Decided (办结, resolvedAt set); for information, not the denominator of the rate. */
  resolved: number;
  /** Customer informed of the decision (反馈, replied or later): the denominator. */
  informed: number;
  /** Informed on or before the due time. */
  onTime: number;
  /** onTime / informed. */
  timelinessRate: number | null;
  /** Clock still running past due (own): not yet decided, or decided but customer not yet informed. */
  overdueOpen: number;
}

/**
 * Closure-time buckets (反馈时效): every complaint of the period falls in exactly one. The
 * clock stops when the customer is informed of the decision (反馈, `repliedAt`), so the
 * durations run receipt → informed.
 */
export interface ClosureBuckets {
  /** Customer informed within the limit, at most 15 days after receipt. */
  within15: number;
  /** Informed within the limit, 16–30 days after receipt. */
  within16to30: number;
  /** Informed within the limit, 31–60 days after receipt. */
  within31to60: number;
  /** Informed within the limit after more than 60 days (clock paused for outside appraisal). */
  over60: number;
  /** Informed after the due time, or clock still running past it. */
  overdue: number;
  /** Customer informed after the due time (the name is historical: "resolved" = closed off by the reply). */
  overdueResolved: number;
  /** Clock still running past due: not yet decided, or decided but customer not yet informed. */
  overdueOpen: number;
  /** Clock still running, not yet due (resolved-but-not-informed included). */
  openWithinLimit: number;
  /** Rejected or withdrawn without the customer being informed of a decision. */
  notResolved: number;
}

export interface ComplaintAnalysis {
  period: AnalysisPeriod;
  /** The comparison periods: same-length previous period (环比; the previous quarter for a quarter) and same period last year (同比). */
  previousPeriod: AnalysisPeriod;
  lastYearPeriod: AnalysisPeriod;
  scope: { orgPath: string; orgUnitId: string | null; orgUnitName: string | null };
  groupBy: AnalysisDimension[];
  total: number;
  previous: Change;
  lastYear: Change;
  byOrgUnit?: OrgUnitLine[];
  byChannel?: BreakdownLine<Channel>[];
  byBusinessCategory?: BreakdownLine<BusinessCategory>[];
  byCause?: BreakdownLine<Cause>[];
  bySeverity?: BreakdownLine<Severity>[];
  byStatus?: BreakdownLine<ComplaintStatus>[];
  /** Transferred in by 12345, 12363 and regulators. */
  transferred: { hotline12345: number; hotline12363: number; regulatorTransfer: number; total: number; share: number };
  /**
   * 按时反馈率 — decided AND customer informed within the limit / informed (replied or
   * later). `resolved` (decided) is for information only; the rate's denominator is `informed`.
   */
  timeliness: { resolved: number; informed: number; onTime: number; rate: number | null };
  /** (satisfied + basically satisfied) / followed up. */
  satisfaction: { followedUp: number; satisfied: number; basicallySatisfied: number; dissatisfied: number; rate: number | null };
  /** Receipt → customer informed (反馈), calendar days, one decimal; null when no customer was informed. */
  averageHandlingDays: number | null;
  closureBuckets: ClosureBuckets;
  /** Monthly series for charts, every month of the period (zeros included). */
  trend: { month: string; count: number; lastYear: number; resolved: number }[];
  generatedAt: string;
}

/** 分析维度: what an analysis groups complaints by. */
export const ANALYSIS_DIMENSION_LABELS: Record<AnalysisDimension, { zh: string; en: string }> = {
  orgUnit: { zh: '机构', en: 'Unit' },
  channel: { zh: '投诉渠道', en: 'Channel' },
  businessCategory: { zh: '业务类别', en: 'Business category' },
  cause: { zh: '投诉原因', en: 'Cause' },
  severity: { zh: '严重程度', en: 'Severity' },
  status: { zh: '状态', en: 'Status' },
};
