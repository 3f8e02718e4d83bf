/**
 * Messages, DTOs and views of the policies service 制度与应急预案 (types and validation only).
 * Imported as `@xb/contracts/policies` (the package's `./*` subpath export).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';
import type { ArticleDiffView } from './diff.js';

export * from './diff.js';
export * from './permissions.js';

/** The registry name of the service: message prefix, queue group, health pattern. */
export const POLICIES_SERVICE = 'policies';

/** Request-reply patterns: `<service>.<aggregate>.<verb>`. */
export const POLICIES_PATTERNS = {
  documentCreate: 'policies.document.create',
  documentUpdate: 'policies.document.update',
  documentGet: 'policies.document.get',
  documentList: 'policies.document.list',
  documentInForce: 'policies.document.in-force',
  documentReviewed: 'policies.document.reviewed',
  reviewBoard: 'policies.review.board',
  versionCreate: 'policies.version.create',
  versionUpdate: 'policies.version.update',
  versionGet: 'policies.version.get',
  versionList: 'policies.version.list',
  versionSubmit: 'policies.version.submit',
  versionReview: 'policies.version.review',
  versionPublish: 'policies.version.publish',
  versionRetire: 'policies.version.retire',
  versionFinding: 'policies.version.finding',
  versionHistory: 'policies.version.history',
  versionDiff: 'policies.version.diff',
  acknowledge: 'policies.acknowledgement.record',
  myTasks: 'policies.acknowledgement.tasks',
  ackRates: 'policies.acknowledgement.rates',
  ackCancellations: 'policies.acknowledgement.cancellations',
  publishDue: 'policies.version.publish-due',
  incidentActivate: 'policies.incident.activate',
  incidentGet: 'policies.incident.get',
  incidentList: 'policies.incident.list',
  incidentLevel: 'policies.incident.level',
  incidentStep: 'policies.incident.step',
  incidentTimeline: 'policies.incident.timeline',
  incidentClose: 'policies.incident.close',
  drillCreate: 'policies.drill.create',
  drillGet: 'policies.drill.get',
  drillList: 'policies.drill.list',
  drillConduct: 'policies.drill.conduct',
  drillBoard: 'policies.drill.board',
} as const;

/** Durable domain events: `<service>.<aggregate>.<past-tense>`. */
export const POLICIES_EVENTS = {
  versionPublished: 'policies.version.published',
  versionRetired: 'policies.version.retired',
  acknowledgementRecorded: 'policies.acknowledgement.recorded',
  reviewOverdue: 'policies.review.overdue',
  drillConducted: 'policies.drill.conducted',
  incidentActivated: 'policies.incident.activated',
  incidentClosed: 'policies.incident.closed',
} as const;

/** 制度/办法, 细则, 行为规范, 应急预案, 通知. */
export const DOCUMENT_KINDS = ['policy', 'rule', 'code_of_conduct', 'emergency_plan', 'notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** draft → in_review → approved → published → superseded | retired; in_review → returned (请修改: a new version follows). */
export const VERSION_STATUSES = ['draft', 'in_review', 'returned', 'approved', 'published', 'superseded', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const REVIEW_VERDICTS = ['approve', 'request_changes'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** What a version record offers its reader now (state, role, authorship). */
export const VERSION_ACTIONS = ['edit', 'submit', 'approve', 'request_changes', 'publish', 'retire', 'acknowledge', 'finding'] as const;
export type VersionAction = (typeof VERSION_ACTIONS)[number];

/** Business types of emergency plans 应急预案按业务类型划分. */
export const PLAN_BUSINESS_TYPES = ['wealth_management', 'information_system', 'mass_complaint', 'public_opinion', 'business_interruption', 'personal_info_leak', 'general'] as const;
export type PlanBusinessType = (typeof PLAN_BUSINESS_TYPES)[number];

export const INCIDENT_STATUSES = ['active', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];


/** One requirement of a document's approval rule: `count` sign-offs by holders of `role` (from the owning department when `ownerDepartment`). */
export class ApprovalRequirementDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  count: number;

  @ApiPropertyOptional({ description: 'The signer must work in the owning department (or below it)' })
  @IsOptional()
  @IsBoolean()
  ownerDepartment?: boolean;
}

export class CreatePolicyDocumentDto {
  @ApiProperty({ example: 'XB-ZD-001' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code must be upper-case letters, digits and dashes (e.g. XB-ZD-001)' })
  code: string;

  @ApiProperty({ example: '客户投诉管理办法' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiProperty({ format: 'uuid', description: 'Owning department (org unit)' })
  @IsUUID()
  ownerUnitId: string;

  @ApiPropertyOptional({ example: '零售业务' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  businessLine?: string;

  @ApiProperty({ minimum: 1, maximum: 60, description: 'Review cycle in months' })
  @IsInt()
  @Min(1)
  @Max(60)
  reviewCycleMonths: number;

  @ApiProperty({ description: 'Staff in the audience must acknowledge (阅知确认) published versions' })
  @IsBoolean()
  requiresAcknowledgement: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, description: 'Days staff have to acknowledge before it counts as late' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  acknowledgeWithinDays?: number;

  @ApiProperty({ type: [String], description: 'Audience: these org units with their subtrees' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  audienceUnitIds: string[];

  @ApiPropertyOptional({ type: [String], enum: ROLES, description: 'Audience roles (empty: every role)' })
  @IsOptional()
  @IsArray()
  @IsIn(ROLES, { each: true })
  audienceRoles?: Role[];

  @ApiProperty({ type: [ApprovalRequirementDto] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ApprovalRequirementDto)
  approvalRule: ApprovalRequirementDto[];

  @ApiPropertyOptional({ enum: PLAN_BUSINESS_TYPES, description: 'Emergency plans: business type' })
  @IsOptional()
  @IsIn(PLAN_BUSINESS_TYPES)
  planBusinessType?: PlanBusinessType;

  @ApiPropertyOptional({ minimum: 1, maximum: 36, description: 'Emergency plans: drill at least every N months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  drillCycleMonths?: number;
}

export class UpdatePolicyDocumentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  businessLine?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  reviewCycleMonths?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  requiresAcknowledgement?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  audienceUnitIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: ROLES })
  @IsOptional()
  @IsArray()
  @IsIn(ROLES, { each: true })
  audienceRoles?: Role[];

  @ApiPropertyOptional({ type: [ApprovalRequirementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ApprovalRequirementDto)
  approvalRule?: ApprovalRequirementDto[];
}

/** An attachment (an evidence file from `/api/files`) as the version names it; its hash enters the version hash. */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fileId: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the file' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256: string;
}

/** A severity level of an emergency plan 事件分级 with its triggers. */
export class PlanLevelDto {
  @ApiProperty({ minimum: 1, maximum: 4, description: '1 is the most severe (I级)' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiProperty()
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  triggers: string;
}

export class PlanTeamMemberDto {
  @ApiProperty({ example: '组长' })
  @IsString()
  @Length(1, 60)
  role: string;

  @ApiProperty()
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty()
  @IsString()
  @Length(1, 60)
  contact: string;
}

export class PlanStepDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(200)
  order: number;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: '组长' })
  @IsString()
  @Length(1, 60)
  ownerRole: string;

  @ApiProperty({ description: 'Minutes allowed from activation' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  minutesAllowed: number;

  @ApiProperty()
  @IsBoolean()
  mandatory: boolean;
}

export class PlanReportingDto {
  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiProperty({ example: '总行' })
  @IsString()
  @Length(1, 60)
  to: string;

  @ApiProperty({ description: 'Minutes from activation' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  withinMinutes: number;
}

/** The structure an emergency-plan version carries besides its text. */
export class PlanStructureDto {
  @ApiProperty({ enum: PLAN_BUSINESS_TYPES })
  @IsIn(PLAN_BUSINESS_TYPES)
  businessType: PlanBusinessType;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  scenario: string;

  @ApiProperty({ type: [PlanLevelDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => PlanLevelDto)
  levels: PlanLevelDto[];

  @ApiProperty({ type: [PlanTeamMemberDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanTeamMemberDto)
  team: PlanTeamMemberDto[];

  @ApiProperty({ type: [PlanStepDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  steps: PlanStepDto[];

  @ApiProperty({ type: [PlanReportingDto] })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => PlanReportingDto)
  reporting: PlanReportingDto[];
}

export class CreatePolicyVersionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  documentId: string;

  @ApiProperty({ description: 'Markdown with 第N章 / 第N条 headings' })
  @IsString()
  @Length(1, 400_000)
  content: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  changeSummary: string;

  @ApiProperty({ description: 'Material change: staff must acknowledge again' })
  @IsBoolean()
  material: boolean;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ description: 'Effective date (default: when published)' })
  @IsOptional()
  @IsDateString()
  effectiveFrom?: string;

  @ApiPropertyOptional({ type: PlanStructureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanStructureDto)
  plan?: PlanStructureDto;
}

export class UpdatePolicyVersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 400_000)
  content?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  changeSummary?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  material?: boolean;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString()
  effectiveFrom?: string;

  @ApiPropertyOptional({ type: PlanStructureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanStructureDto)
  plan?: PlanStructureDto;
}

export class ReviewVersionDto {
  @ApiProperty({ enum: REVIEW_VERDICTS })
  @IsIn(REVIEW_VERDICTS)
  verdict: ReviewVerdict;

  @ApiProperty({ description: 'The SHA-256 of the version the reviewer read; a sign-off for another hash is refused' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be 64 lower-case hex digits' })
  contentHash: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ example: '第五条', description: 'Anchor the comment to an article' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  article?: string;
}

export class FindingDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  text: string;

  @ApiPropertyOptional({ example: '第五条' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  article?: string;
}

export class AcknowledgeDto {
  @ApiProperty({ description: 'The SHA-256 of the version the reader saw' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be 64 lower-case hex digits' })
  contentHash: string;
}

export class ReviewedNoChangeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  note: string;
}

export class ActivateIncidentDto {
  @ApiProperty({ format: 'uuid', description: 'The emergency plan (document); its published version is frozen into the incident' })
  @IsUUID()
  documentId: string;

  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ description: 'When it was activated (default now)' })
  @IsOptional()
  @IsDateString()
  activatedAt?: string;

  @ApiPropertyOptional({ description: 'A drill run on the incident engine: kept out of incident statistics' })
  @IsOptional()
  @IsBoolean()
  drill?: boolean;
}

export class IncidentLevelDto {
  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class IncidentStepDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  order: number;

  @ApiProperty({ enum: ['done', 'open'] })
  @IsIn(['done', 'open'])
  status: 'done' | 'open';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class TimelineEntryDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  text: string;

  @ApiPropertyOptional({ description: 'When it happened (default now); recorded time is always now' })
  @IsOptional()
  @IsDateString()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'This entry corrects an earlier one (entries are never edited)' })
  @IsOptional()
  @IsUUID()
  corrects?: string;
}

export class FollowUpActionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  action: string;

  @ApiProperty()
  @IsString()
  @Length(1, 60)
  owner: string;

  @ApiProperty()
  @IsDateString()
  due: string;
}

export class CloseIncidentDto {
  @ApiProperty({ description: 'Closing review 总结评估' })
  @IsString()
  @Length(1, 8000)
  review: string;

  @ApiPropertyOptional({ type: [FollowUpActionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FollowUpActionDto)
  followUps?: FollowUpActionDto[];
}

export class CreateDrillDto {
  @ApiProperty({ format: 'uuid', description: 'The plan version the drill exercises' })
  @IsUUID()
  versionId: string;

  @ApiProperty()
  @IsDateString()
  plannedFor: string;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  scenario: string;
}

export class StepTimeDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  order: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(100_000)
  minutes: number;
}

export class DrillFindingDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  finding: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString()
  due?: string;
}

export class ConductDrillDto {
  @ApiProperty()
  @IsDateString()
  conductedAt: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  participants: string[];

  @ApiPropertyOptional({ type: [StepTimeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StepTimeDto)
  stepTimes?: StepTimeDto[];

  @ApiPropertyOptional({ type: [DrillFindingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DrillFindingDto)
  findings?: DrillFindingDto[];
}

// ---- views ----

export interface ApprovalRequirement {
  role: Role;
  count: number;
  ownerDepartment?: boolean;
}

export interface PolicyDocumentView {
  id: string;
  code: string;
  title: string;
  kind: DocumentKind;
  ownerUnitId: string;
  ownerUnitName: string | null;
  businessLine: string | null;
  reviewCycleMonths: number;
  requiresAcknowledgement: boolean;
  acknowledgeWithinDays: number;
  audienceUnitIds: string[];
  audienceRoles: Role[];
  approvalRule: ApprovalRequirement[];
  planBusinessType: PlanBusinessType | null;
  drillCycleMonths: number | null;
  currentVersionId: string | null;
  currentVersionNumber: number | null;
  /** Status of the newest version (what the register filters by). */
  latestStatus: VersionStatus | null;
  lastReviewedAt: string | null;
  reviewDueAt: string | null;
  reviewOverdue: boolean;
  createdAt: string;
}

export interface PolicyReviewEntry {
  id: string;
  reviewerId: string;
  reviewerName: string;
  role: Role;
  verdict: ReviewVerdict | 'finding';
  contentHash: string;
  article: string | null;
  comment: string | null;
  at: string;
}

export interface PolicyVersionView {
  id: string;
  documentId: string;
  documentCode: string;
  documentTitle: string;
  kind: DocumentKind;
  number: number;
  status: VersionStatus;
  content: string;
  changeSummary: string;
  material: boolean;
  attachments: AttachmentDto[];
  contentHash: string;
  plan: PlanStructureDto | null;
  authorId: string;
  authorName: string;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  /** Sign-offs still needed, per requirement of the approval rule. */
  signOffs: { role: Role; ownerDepartment: boolean; needed: number; given: number }[];
  availableActions: VersionAction[];
  /** Whether the reader has acknowledged this version (or an earlier one it carries over). */
  acknowledged?: boolean;
}

export interface VersionHistoryEntry {
  at: string;
  kind: 'created' | 'submitted' | 'approve' | 'request_changes' | 'finding' | 'approved' | 'published' | 'superseded' | 'retired';
  actorName: string | null;
  contentHash: string | null;
  article: string | null;
  comment: string | null;
}

export interface PolicyDiffView {
  left: { id: string; number: number; contentHash: string };
  right: { id: string; number: number; contentHash: string };
  diff: ArticleDiffView;
}

export interface AcknowledgementView {
  id: string;
  versionId: string;
  userId: string;
  contentHash: string;
  at: string;
  late: boolean;
}

export interface AcknowledgementTask {
  documentId: string;
  documentCode: string;
  documentTitle: string;
  versionId: string;
  versionNumber: number;
  contentHash: string;
  publishedAt: string;
  dueAt: string;
  overdue: boolean;
}

export interface AckRateLine {
  orgUnitId: string;
  code: string;
  name: string;
  path: string;
  depth: number;
  /** Audience members in this unit and below. */
  audience: number;
  acknowledged: number;
  late: number;
  /** acknowledged / audience, 0..1 (1 when the audience is empty). */
  rate: number;
}

export interface AckRates {
  documentId: string;
  versionId: string | null;
  audience: number;
  acknowledged: number;
  rate: number;
  units: AckRateLine[];
  /** Who has not yet read it (first 500, by unit path then username). */
  unread: { userId: string; username: string; displayName: string; orgUnitId: string; orgUnitName: string }[];
}

/** Why an open acknowledgement task ended without an acknowledgement. */
export const ACK_CANCELLATION_REASONS = ['left_audience', 'superseded', 'retired', 'not_required'] as const;
export type AckCancellationReason = (typeof ACK_CANCELLATION_REASONS)[number];

/** 阅知任务取消记录: who, for which version, why and when a task was cancelled. */
export interface CancelledAcknowledgement {
  id: string;
  versionId: string;
  userId: string;
  username: string;
  displayName: string;
  /** The user's unit when the task was cancelled. */
  orgUnitId: string;
  orgUnitName: string | null;
  reason: AckCancellationReason;
  at: string;
}

/** `GET /api/policy-versions/:id/cancelled-acknowledgements`: the first 500, newest first, and the total. */
export interface CancelledAcknowledgements {
  versionId: string;
  total: number;
  items: CancelledAcknowledgement[];
}

export interface ReviewBoardLine {
  documentId: string;
  code: string;
  title: string;
  kind: DocumentKind;
  ownerUnitId: string;
  ownerUnitName: string | null;
  lastReviewedAt: string | null;
  reviewDueAt: string;
  overdue: boolean;
  daysLeft: number;
}

export interface IncidentStep {
  order: number;
  title: string;
  ownerRole: string;
  mandatory: boolean;
  dueAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  note: string | null;
}

export interface IncidentDeadline {
  to: string;
  dueAt: string;
  /** The level whose limit set this deadline. */
  level: number;
}

export interface IncidentTimelineEntry {
  id: string;
  occurredAt: string;
  recordedAt: string;
  actorName: string;
  text: string;
  corrects: string | null;
}

export interface IncidentView {
  id: string;
  documentId: string;
  versionId: string;
  documentTitle: string;
  title: string;
  description: string | null;
  level: number;
  drill: boolean;
  status: IncidentStatus;
  activatedAt: string;
  closedAt: string | null;
  plan: PlanStructureDto;
  steps: IncidentStep[];
  deadlines: IncidentDeadline[];
  timeline: IncidentTimelineEntry[];
  closingReview: string | null;
  followUps: FollowUpActionDto[];
  availableActions: ('level' | 'step' | 'timeline' | 'close')[];
}

export interface DrillView {
  id: string;
  documentId: string;
  documentTitle: string;
  versionId: string;
  versionNumber: number;
  plannedFor: string;
  scenario: string;
  status: 'planned' | 'conducted';
  conductedAt: string | null;
  participants: string[];
  stepTimes: StepTimeDto[];
  findings: DrillFindingDto[];
}

export interface DrillBoardLine {
  documentId: string;
  code: string;
  title: string;
  planBusinessType: PlanBusinessType | null;
  drillCycleMonths: number;
  /** Conducted drills per year. */
  perYear: Record<string, number>;
  lastDrilledAt: string | null;
  drillDueAt: string | null;
  overdue: boolean;
}

// ---- lists ----

export class PolicyDocumentFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: DOCUMENT_KINDS }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(DOCUMENT_KINDS, { each: true })
  kind?: DocumentKind | DocumentKind[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Owning department' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: VERSION_STATUSES }), description: 'Status of the newest version' })
  @IsOptional()
  @OneOrMany()
  @IsIn(VERSION_STATUSES, { each: true })
  status?: VersionStatus | VersionStatus[];

  @ApiPropertyOptional({ description: 'Only documents due for review (or overdue) within 30 days' })
  @IsOptional()
  @IsBoolean()
  reviewDue?: boolean;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const POLICY_DOCUMENT_SORT_FIELDS = ['code', 'title', 'kind', 'createdAt', 'reviewDueAt'] as const;
export type PolicyDocumentSortField = (typeof POLICY_DOCUMENT_SORT_FIELDS)[number];
export const POLICY_DOCUMENT_LIST: ListSpec<PolicyDocumentFilterDto, PolicyDocumentSortField> = {
  filter: PolicyDocumentFilterDto,
  sort: POLICY_DOCUMENT_SORT_FIELDS,
  defaultSort: ['code', 'ASC'],
};

export class PolicyVersionFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: VERSION_STATUSES }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(VERSION_STATUSES, { each: true })
  status?: VersionStatus | VersionStatus[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const POLICY_VERSION_SORT_FIELDS = ['number', 'createdAt', 'status'] as const;
export type PolicyVersionSortField = (typeof POLICY_VERSION_SORT_FIELDS)[number];
export const POLICY_VERSION_LIST: ListSpec<PolicyVersionFilterDto, PolicyVersionSortField> = {
  filter: PolicyVersionFilterDto,
  sort: POLICY_VERSION_SORT_FIELDS,
  defaultSort: ['createdAt', 'DESC'],
};

export class IncidentFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: INCIDENT_STATUSES }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(INCIDENT_STATUSES, { each: true })
  status?: IncidentStatus | IncidentStatus[];

  @ApiPropertyOptional({ description: 'true: drills run on the incident engine; false (default in statistics): real incidents' })
  @IsOptional()
  @IsBoolean()
  drill?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const INCIDENT_SORT_FIELDS = ['activatedAt', 'level', 'status'] as const;
export type IncidentSortField = (typeof INCIDENT_SORT_FIELDS)[number];
export const INCIDENT_LIST: ListSpec<IncidentFilterDto, IncidentSortField> = { filter: IncidentFilterDto, sort: INCIDENT_SORT_FIELDS, defaultSort: ['activatedAt', 'DESC'] };

export class DrillFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ enum: ['planned', 'conducted'] })
  @IsOptional()
  @IsIn(['planned', 'conducted'])
  status?: 'planned' | 'conducted';

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }) })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}
export const DRILL_SORT_FIELDS = ['plannedFor', 'conductedAt'] as const;
export type DrillSortField = (typeof DRILL_SORT_FIELDS)[number];
export const DRILL_LIST: ListSpec<DrillFilterDto, DrillSortField> = { filter: DrillFilterDto, sort: DRILL_SORT_FIELDS, defaultSort: ['plannedFor', 'DESC'] };

// ---- Response bodies of the gateway's routes that wrap or key the views above ----

/** `GET /api/policy-acknowledgements/tasks`: a task keyed for react-admin (`id` = `versionId`). */
export interface AcknowledgementTaskRow extends AcknowledgementTask {
  id: string;
}

/** `GET /api/policy-review-board`: a board line keyed for react-admin (`id` = `documentId`). */
export interface ReviewBoardRow extends ReviewBoardLine {
  id: string;
}

/** `GET /api/drills/board`: a board line keyed for react-admin (`id` = `documentId`). */
export interface DrillBoardRow extends DrillBoardLine {
  id: string;
}

/** `GET /api/policy-documents/:id/in-force?at=`: the version in force at that instant, or null before the first. */
export interface InForceView {
  version: PolicyVersionView | null;
}
