/**
 * Messages, DTOs and views of the inspections service 神秘人暗访 (issue #11): versioned
 * checklist templates, inspections (visits) and rectifications 整改.
 * Imported as `@xb/contracts/inspections` (the package's `./*` subpath export).
 * The template body itself (dimensions, items) is checked by the service's scoring core
 * (`templateProblems`), which names each bad field.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';

export * from './permissions.js';

/** The registry name of the service: message prefix, queue group, health pattern. */
export const INSPECTIONS_SERVICE = 'inspections';

/** Request-reply patterns: `<service>.<aggregate>.<verb>`. */
export const INSPECTIONS_PATTERNS = {
  templateCreate: 'inspections.template.create',
  templateUpdate: 'inspections.template.update',
  templatePublish: 'inspections.template.publish',
  templateList: 'inspections.template.list',
  templateGet: 'inspections.template.get',
  create: 'inspections.inspection.create',
  list: 'inspections.inspection.list',
  get: 'inspections.inspection.get',
  start: 'inspections.inspection.start',
  saveAnswers: 'inspections.inspection.save-answers',
  submit: 'inspections.inspection.submit',
  review: 'inspections.inspection.review',
  reinspect: 'inspections.inspection.reinspect',
  plan: 'inspections.inspection.plan',
  analysis: 'inspections.inspection.analysis',
  quarterlyReport: 'inspections.report.quarterly',
  rectificationList: 'inspections.rectification.list',
  rectificationGet: 'inspections.rectification.get',
  rectificationFix: 'inspections.rectification.fix',
  rectificationVerify: 'inspections.rectification.verify',
  rectificationReject: 'inspections.rectification.reject',
  overdueRun: 'inspections.rectification.run-overdue',
} as const;

/** Durable domain events: `<service>.<aggregate>.<past-tense>`. */
export const INSPECTIONS_EVENTS = {
  templatePublished: 'inspections.template.published',
  inspectionSubmitted: 'inspections.inspection.submitted',
  inspectionReviewed: 'inspections.inspection.reviewed',
  rectificationOpened: 'inspections.rectification.opened',
  rectificationVerified: 'inspections.rectification.verified',
  rectificationOverdue: 'inspections.rectification.overdue',
} as const;

export const TEMPLATE_STATUSES = ['draft', 'published'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
/** planned 已计划 → in_progress 检查中 → submitted 已提交 → reviewed 已审核 (accepted), or returned 退回 to the inspector. */
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'submitted', 'returned', 'reviewed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_ACTIONS = ['start', 'save', 'submit', 'accept', 'return', 'reinspect'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];
/** open 待整改 → fix_submitted 已提交整改 → verified 已验证, or rejected back to open (with a reason). */
export const RECTIFICATION_STATUSES = ['open', 'fix_submitted', 'verified'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_ACTIONS = ['fix', 'verify', 'reject'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];
export const ANALYSIS_GROUPS = ['outlet', 'branch', 'quarter'] as const;
export type AnalysisGroupBy = (typeof ANALYSIS_GROUPS)[number];

/** The inspection workflow's actions (暗访检查), as the console names them. */
export const INSPECTION_ACTION_LABELS: Record<InspectionAction, { zh: string; en: string }> = {
  start: { zh: '开始检查', en: 'Start' },
  save: { zh: '暂存', en: 'Save' },
  submit: { zh: '提交审核', en: 'Submit for review' },
  accept: { zh: '审核通过', en: 'Accept' },
  return: { zh: '退回修改', en: 'Return' },
  reinspect: { zh: '安排复查', en: 'Plan re-inspection' },
};

/** 整改: the owning unit submits a fix; an inspector verifies it or rejects it. */
export const RECTIFICATION_ACTION_LABELS: Record<RectificationAction, { zh: string; en: string }> = {
  fix: { zh: '提交整改', en: 'Submit fix' },
  verify: { zh: '验证通过', en: 'Verify' },
  reject: { zh: '验证不通过', en: 'Reject fix' },
};

export const ANALYSIS_GROUP_LABELS: Record<AnalysisGroupBy, { zh: string; en: string }> = {
  outlet: { zh: '按网点', en: 'By outlet' },
  branch: { zh: '按分行', en: 'By branch' },
  quarter: { zh: '按季度', en: 'By quarter' },
};

/** A routine visit, or a re-inspection (复查) of failed items. */
export const INSPECTION_KIND_LABELS: Record<'routine' | 'reinspection', { zh: string; en: string }> = {
  routine: { zh: '例行检查', en: 'Routine' },
  reinspection: { zh: '复查', en: 'Re-inspection' },
};

export const ANSWER_TYPE_LABELS: Record<'pass_fail' | 'scale', { zh: string; en: string }> = {
  pass_fail: { zh: '通过 / 不通过 / 不适用', en: 'Pass / fail / N/A' },
  scale: { zh: '分值', en: 'Scale' },
};

/** How roll-ups over many visits score: total achieved ÷ total possible (never an average of percentages). */
export const ANALYSIS_METHOD_LABELS: Record<'ratio-of-totals', { zh: string; en: string }> = {
  'ratio-of-totals': { zh: '实得分合计 ÷ 应得分合计', en: 'Total achieved ÷ total possible' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- templates ------------------------------------------------------------------------

export interface TemplateDimensionView {
  key: string;
  name: string;
  weight: number;
  passMark: number;
}
export interface TemplateItemView {
  key: string;
  dimensionKey: string;
  text: string;
  weight: number;
  answerType: 'pass_fail' | 'scale';
  scaleMax?: number;
  passAt?: number;
  naAllowed: boolean;
  redLine: boolean;
  photoOnFail: boolean;
}

export class TemplateBodyDto {
  @ApiProperty({ description: 'Template key, shared by all its versions', example: 'outlet-standard' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,49}$/, { message: 'key must be 2–50 lower-case letters, digits or dashes' })
  key: string;

  @ApiProperty({ example: '网点服务暗访标准' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Overall pass mark, %' })
  @IsNumber()
  @Min(0)
  @Max(100)
  passMark: number;

  @ApiPropertyOptional({ description: 'A dimension below its pass mark also fails the visit' })
  @IsOptional()
  @IsBoolean()
  everyDimensionMustPass?: boolean;

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Dimensions: key, name, weight, passMark' })
  @IsArray()
  @ArrayMaxSize(20)
  dimensions: TemplateDimensionView[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Items: key, dimensionKey, text, weight, answerType, scaleMax, passAt, naAllowed, redLine, photoOnFail' })
  @IsArray()
  @ArrayMaxSize(300)
  items: TemplateItemView[];
}

export class TemplateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Version number within the key (1, 2 …)' }) version: number;
  @ApiProperty({ enum: TEMPLATE_STATUSES }) status: TemplateStatus;
  @ApiProperty() passMark: number;
  @ApiProperty() everyDimensionMustPass: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) dimensions: TemplateDimensionView[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) items: TemplateItemView[];
  @ApiProperty({ description: 'Maximum points per dimension and in total (sum of item weights)' }) maximum: { dimensions: Record<string, number>; items: number };
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [String] }) availableActions: string[];
}

export class TemplateFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) key?: string;

  @ApiPropertyOptional({ enum: TEMPLATE_STATUSES }) @IsOptional() @IsIn(TEMPLATE_STATUSES) status?: TemplateStatus;
}
export const TEMPLATE_SORT_FIELDS = ['id', 'key', 'version', 'createdAt'] as const;
export type TemplateSortField = (typeof TEMPLATE_SORT_FIELDS)[number];
export const TEMPLATE_LIST: ListSpec<TemplateFilterDto, TemplateSortField> = { filter: TemplateFilterDto, sort: TEMPLATE_SORT_FIELDS, defaultSort: ['createdAt', 'DESC'] };

// ---- inspections ----------------------------------------------------------------------

export class CreateInspectionDto {
  @ApiProperty({ format: 'uuid', description: 'An org unit of type outlet 网点' }) @IsUUID() outletId: string;
  @ApiProperty({ format: 'uuid', description: 'A published template version' }) @IsUUID() templateId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Inspector (default: the caller)' }) @IsOptional() @IsUUID() inspectorId?: string;
  @ApiProperty({ example: '理财咨询', description: 'Scenario 暗访场景, e.g. 理财咨询, 开卡, 投诉' }) @IsString() @Length(1, 50) scenario: string;
  @ApiProperty({ example: '2026-12-01' }) @Matches(DATE, { message: 'plannedDate must be YYYY-MM-DD' }) plannedDate: string;
}

export class AnswerDto {
  @ApiProperty() itemKey: string;
  @ApiProperty({ description: "'pass' | 'fail' | 'na' or an integer 0–N" }) value: 'pass' | 'fail' | 'na' | number;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: [String], description: 'Evidence file ids (/api/files)' }) fileIds?: string[];
}

export class SaveAnswersDto {
  @ApiProperty({ type: [AnswerDto] }) @IsArray() @ArrayMaxSize(300) answers: AnswerDto[];
}

export class SubmitInspectionDto {
  @ApiProperty({ description: 'Chosen by the client once per visit: a retried submit with the same key answers the first result' })
  @IsString()
  @Length(8, 100)
  idempotencyKey: string;
  @ApiProperty({ example: '2026-11-20', description: 'The day of the visit (its quarter is the visit quarter)' }) @Matches(DATE, { message: 'visitDate must be YYYY-MM-DD' }) visitDate: string;
  @ApiProperty({ type: [AnswerDto] }) @IsArray() @ArrayMaxSize(300) answers: AnswerDto[];
}

/** An unplanned visit logged and submitted in one call (the offline inspector's upload). */
export class LogVisitDto extends SubmitInspectionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() outletId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() templateId: string;
  @ApiProperty() @IsString() @Length(1, 50) scenario: string;
}

export class ReviewInspectionDto {
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) decision: 'accept' | 'return';
  @ApiPropertyOptional({ description: 'Required when returning' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
  @ApiPropertyOptional({ description: 'itemKey → owning unit id (default: the outlet)' }) @IsOptional() @IsObject() owners?: Record<string, string>;
  @ApiPropertyOptional({ description: "itemKey → 'immediate' or YYYY-MM-DD (default: red-line 7 days, other items 30 days)" }) @IsOptional() @IsObject() deadlines?: Record<string, string>;
}

export class PlanQuarterDto {
  @ApiProperty({ example: '2026Q4' }) @Matches(/^\d{4}Q[1-4]$/, { message: 'quarter must look like 2026Q4' }) quarter: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() templateId: string;
  @ApiPropertyOptional({ description: 'Visits per outlet (default: INSPECTION_VISITS_PER_QUARTER)' }) @IsOptional() @IsInt() @Min(1) @Max(12) visitsPerOutlet?: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() inspectorId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Plan the outlets of this unit (a branch 分行, a sub-branch or one outlet) in your scope; default: every outlet in your scope' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ description: 'Propose without writing' }) @IsOptional() @IsBoolean() dryRun?: boolean;
}

export class InspectionAnswerView {
  @ApiProperty() itemKey: string;
  @ApiProperty() value: string | number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: [String] }) fileIds: string[];
}

export class InspectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) outletId: string;
  @ApiProperty() outletName: string;
  @ApiProperty() outletPath: string;
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty() templateVersion: number;
  @ApiProperty() templateName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Hidden (null) from the outlet’s own staff' }) inspectorId: string | null;
  @ApiProperty({ nullable: true, type: String }) inspectorName: string | null;
  @ApiProperty() scenario: string;
  @ApiProperty({ enum: ['routine', 'reinspection'] }) kind: 'routine' | 'reinspection';
  @ApiProperty({ nullable: true, type: String }) reinspectionOf: string | null;
  @ApiProperty({ type: [String], description: 'A re-inspection checks only these items' }) itemKeys: string[];
  @ApiProperty() plannedDate: string;
  @ApiProperty({ nullable: true, type: String }) visitDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Quarter of the visit date, e.g. 2026Q4' }) quarter: string | null;
  @ApiProperty({ enum: INSPECTION_STATUSES }) status: InspectionStatus;
  @ApiProperty({ enum: ['on_time', 'late', 'missed'], description: 'Planned visits past their date: late, then (after the quarter) missed' }) timeliness: 'on_time' | 'late' | 'missed';
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) passed: boolean | null;
  @ApiProperty() redLineFailed: boolean;
  @ApiProperty({ nullable: true, type: Object, description: 'The stored score (dimensions, failed items …)' }) score: unknown;
  @ApiProperty({ type: [InspectionAnswerView] }) answers: InspectionAnswerView[];
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String], enum: INSPECTION_ACTIONS }) availableActions: InspectionAction[];
}

export class InspectionFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: INSPECTION_STATUSES }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(INSPECTION_STATUSES, { each: true })
  status?: InspectionStatus | InspectionStatus[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() outletId?: string;
  @ApiPropertyOptional({ example: '2026Q4' }) @IsOptional() @Matches(/^\d{4}Q[1-4]$/, { message: 'quarter must look like 2026Q4' }) quarter?: string;
  @ApiPropertyOptional({ description: 'Only my visits (inspector)' }) @IsOptional() @IsBoolean() mine?: boolean;
}
export const INSPECTION_SORT_FIELDS = ['id', 'plannedDate', 'visitDate', 'status', 'total', 'createdAt'] as const;
export type InspectionSortField = (typeof INSPECTION_SORT_FIELDS)[number];
export const INSPECTION_LIST: ListSpec<InspectionFilterDto, InspectionSortField> = { filter: InspectionFilterDto, sort: INSPECTION_SORT_FIELDS, defaultSort: ['plannedDate', 'DESC'] };

/** One visit the quarterly plan proposes (and, unless a dry run, creates). */
export interface PlannedVisit {
  outletId: string;
  outletName: string;
  plannedDate: string;
}

/** The quarterly plan 季度检查计划: `POST /api/inspections/plan`. */
export interface PlanResult {
  quarter: string;
  /** The unit whose outlets were planned; null: every outlet in the actor's scope. */
  unitId: string | null;
  visitsPerOutlet: number;
  /** Outlets considered, and the visits they already had in the quarter (any status, routine). */
  outlets: number;
  alreadyPlanned: number;
  proposed: PlannedVisit[];
  created: number;
}

// ---- rectifications -------------------------------------------------------------------

export class FixRectificationDto {
  @ApiProperty({ description: '整改说明' }) @IsString() @Length(1, 2000) note: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) fileIds?: string[];
}
export class RejectRectificationDto {
  @ApiProperty() @IsString() @Length(1, 500) reason: string;
}

export class RectificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) inspectionId: string;
  @ApiProperty({ format: 'uuid' }) outletId: string;
  @ApiProperty() outletName: string;
  @ApiProperty() itemKey: string;
  @ApiProperty() itemText: string;
  @ApiProperty() dimensionKey: string;
  @ApiProperty() redLine: boolean;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty() ownerUnitName: string;
  @ApiProperty({ description: 'Deadline day (an immediate fix is due the day it opens)' }) deadline: string;
  @ApiProperty() immediate: boolean;
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status: RectificationStatus;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) escalatedToUnitId: string | null;
  @ApiProperty({ nullable: true, type: String }) fixNote: string | null;
  @ApiProperty({ type: [String] }) fixFileIds: string[];
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty() rejections: number;
  @ApiProperty({ nullable: true, type: String, description: 'The verified rectification this one reopens (same outlet and item)' }) reopens: string | null;
  @ApiProperty({ nullable: true, type: String }) reopenedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) verifiedAt: string | null;
  @ApiProperty() openedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String], enum: RECTIFICATION_ACTIONS }) availableActions: RectificationAction[];
}

export class RectificationFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: RECTIFICATION_STATUSES }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(RECTIFICATION_STATUSES, { each: true })
  status?: RectificationStatus | RectificationStatus[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() inspectionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() outletId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() overdue?: boolean;
}
export const RECTIFICATION_SORT_FIELDS = ['id', 'deadline', 'status', 'openedAt'] as const;
export type RectificationSortField = (typeof RECTIFICATION_SORT_FIELDS)[number];
export const RECTIFICATION_LIST: ListSpec<RectificationFilterDto, RectificationSortField> = {
  filter: RectificationFilterDto,
  sort: RECTIFICATION_SORT_FIELDS,
  defaultSort: ['deadline', 'ASC'],
};

export interface OverdueRunResult {
  ran: boolean;
  escalated: number;
}

// ---- analysis -------------------------------------------------------------------------

export class InspectionAnalysisQueryDto {
  @ApiProperty({ example: '2026-01-01' }) @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to: string;
  @ApiProperty({ enum: ANALYSIS_GROUPS }) @IsIn(ANALYSIS_GROUPS) groupBy: AnalysisGroupBy;
}

export interface AnalysisGroup {
  key: string;
  name: string;
  visits: number;
  /** Σ points achieved ÷ Σ points possible (ratio of totals, not an average of percentages). */
  total: number | null;
  dimensions: Record<string, number | null>;
  passRate: number | null;
  redLineFailedVisits: number;
  rectifications: { opened: number; verified: number; verifiedOnTime: number; completionRate: number | null; onTimeRate: number | null };
  weakestItems: { itemKey: string; text: string; score: number | null; failures: number }[];
  /** groupBy=quarter: change of the total against the previous quarter and the same quarter a year before (percentage points). */
  quarterOnQuarter?: number | null;
  yearOnYear?: number | null;
}

export interface InspectionAnalysis {
  from: string;
  to: string;
  groupBy: AnalysisGroupBy;
  method: 'ratio-of-totals';
  dimensions: { key: string; name: string }[];
  overall: AnalysisGroup;
  groups: AnalysisGroup[];
}

/** 季度暗访通报: a quarter of the analysis as an Excel workbook or a printable HTML page. */
export class InspectionReportQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ minimum: 1, maximum: 4 }) @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter: number;
  @ApiPropertyOptional({ enum: ['xlsx', 'html'], default: 'xlsx' }) @IsOptional() @IsIn(['xlsx', 'html']) format?: 'xlsx' | 'html';
}

export interface InspectionReportFile {
  filename: string;
  contentType: string;
  base64: string;
}
