/**
 * Messages, DTOs and views of the policies service 制度与应急预案 (types and validation only).
 * Imported as `@xb/contracts/policies` (the package's `./*` subpath export).
 */
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';
import { type ListSpec } from '../common/list-query.js';
import type { ArticleDiffView } from './diff.js';
import { IdsFilter, Int, ListOf, Nested, NestedList, OneOrManyOf, Optional, Required, Sha256, ShortText, Text, UuidList } from './dto-fields.js';

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
  @Required({ enum: ROLES }, IsIn(ROLES))
  role: Role;

  @Required({ minimum: 1, maximum: 5 }, Int(1, 5))
  count: number;

  @Optional({ description: 'The signer must work in the owning department (or below it)' }, IsBoolean())
  ownerDepartment?: boolean;
}

/** Rules a document's create and update share (each class keeps its own presence and OpenAPI text). */
const DOCUMENT = {
  title: () => Text(1, 200),
  businessLine: () => ShortText(60),
  reviewCycleMonths: () => Int(1, 60),
  audienceUnitIds: () => UuidList(200),
  audienceRoles: () => ListOf(ROLES),
  approvalRule: () => NestedList(() => ApprovalRequirementDto, 5),
};

export class CreatePolicyDocumentDto {
  @Required({ example: 'XB-ZD-001' }, IsString(), Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code must be upper-case letters, digits and dashes (e.g. XB-ZD-001)' }))
  code: string;

  @Required({ example: '客户投诉管理办法' }, DOCUMENT.title())
  title: string;

  @Required({ enum: DOCUMENT_KINDS }, IsIn(DOCUMENT_KINDS))
  kind: DocumentKind;

  @Required({ format: 'uuid', description: 'Owning department (org unit)' }, IsUUID())
  ownerUnitId: string;

  @Optional({ example: '零售业务' }, DOCUMENT.businessLine())
  businessLine?: string;

  @Required({ minimum: 1, maximum: 60, description: 'Review cycle in months' }, DOCUMENT.reviewCycleMonths())
  reviewCycleMonths: number;

  @Required({ description: 'Staff in the audience must acknowledge (阅知确认) published versions' }, IsBoolean())
  requiresAcknowledgement: boolean;

  @Optional({ minimum: 1, maximum: 90, description: 'Days staff have to acknowledge before it counts as late' }, Int(1, 90))
  acknowledgeWithinDays?: number;

  @Required({ type: [String], description: 'Audience: these org units with their subtrees' }, DOCUMENT.audienceUnitIds())
  audienceUnitIds: string[];

  @Optional({ type: [String], enum: ROLES, description: 'Audience roles (empty: every role)' }, DOCUMENT.audienceRoles())
  audienceRoles?: Role[];

  @Required({ type: [ApprovalRequirementDto] }, DOCUMENT.approvalRule())
  approvalRule: ApprovalRequirementDto[];

  @Optional({ enum: PLAN_BUSINESS_TYPES, description: 'Emergency plans: business type' }, IsIn(PLAN_BUSINESS_TYPES))
  planBusinessType?: PlanBusinessType;

  @Optional({ minimum: 1, maximum: 36, description: 'Emergency plans: drill at least every N months' }, Int(1, 36))
  drillCycleMonths?: number;
}

export class UpdatePolicyDocumentDto {
  @Optional(undefined, DOCUMENT.title())
  title?: string;

  @Optional(undefined, DOCUMENT.businessLine())
  businessLine?: string;

  @Optional(undefined, DOCUMENT.reviewCycleMonths())
  reviewCycleMonths?: number;

  @Optional(undefined, IsBoolean())
  requiresAcknowledgement?: boolean;

  @Optional({ type: [String] }, DOCUMENT.audienceUnitIds())
  audienceUnitIds?: string[];

  @Optional({ type: [String], enum: ROLES }, DOCUMENT.audienceRoles())
  audienceRoles?: Role[];

  @Optional({ type: [ApprovalRequirementDto] }, DOCUMENT.approvalRule())
  approvalRule?: ApprovalRequirementDto[];
}

/** An attachment (an evidence file from `/api/files`) as the version names it; its hash enters the version hash. */
export class AttachmentDto {
  @Required({ format: 'uuid' }, IsUUID())
  fileId: string;

  @Required(undefined, Text(1, 200))
  name: string;

  @Required({ description: 'SHA-256 (hex) of the file' }, Sha256('sha256'))
  sha256: string;
}

/** A severity level of an emergency plan 事件分级 with its triggers. */
export class PlanLevelDto {
  @Required({ minimum: 1, maximum: 4, description: '1 is the most severe (I级)' }, Int(1, 4))
  level: number;

  @Required(undefined, Text(1, 60))
  name: string;

  @Required(undefined, Text(1, 1000))
  triggers: string;
}

export class PlanTeamMemberDto {
  @Required({ example: '组长' }, Text(1, 60))
  role: string;

  @Required(undefined, Text(1, 60))
  name: string;

  @Required(undefined, Text(1, 60))
  contact: string;
}

export class PlanStepDto {
  @Required(undefined, Int(1, 200))
  order: number;

  @Required(undefined, Text(1, 300))
  title: string;

  @Required({ example: '组长' }, Text(1, 60))
  ownerRole: string;

  @Required({ description: 'Minutes allowed from activation' }, Int(1, 100_000))
  minutesAllowed: number;

  @Required(undefined, IsBoolean())
  mandatory: boolean;
}

export class PlanReportingDto {
  @Required({ minimum: 1, maximum: 4 }, Int(1, 4))
  level: number;

  @Required({ example: '总行' }, Text(1, 60))
  to: string;

  @Required({ description: 'Minutes from activation' }, Int(1, 100_000))
  withinMinutes: number;
}

/** The structure an emergency-plan version carries besides its text. */
export class PlanStructureDto {
  @Required({ enum: PLAN_BUSINESS_TYPES }, IsIn(PLAN_BUSINESS_TYPES))
  businessType: PlanBusinessType;

  @Required(undefined, Text(1, 300))
  scenario: string;

  @Required({ type: [PlanLevelDto] }, NestedList(() => PlanLevelDto, 4))
  levels: PlanLevelDto[];

  @Required({ type: [PlanTeamMemberDto] }, NestedList(() => PlanTeamMemberDto, 50))
  team: PlanTeamMemberDto[];

  @Required({ type: [PlanStepDto] }, NestedList(() => PlanStepDto, 100))
  steps: PlanStepDto[];

  @Required({ type: [PlanReportingDto] }, NestedList(() => PlanReportingDto, 40))
  reporting: PlanReportingDto[];
}

/** Rules a version's create and update share. */
const VERSION = {
  content: () => Text(1, 400_000),
  changeSummary: () => Text(1, 2000),
  attachments: () => NestedList(() => AttachmentDto, 20),
  plan: () => Nested(() => PlanStructureDto),
};

export class CreatePolicyVersionDto {
  @Required({ format: 'uuid' }, IsUUID())
  documentId: string;

  @Required({ description: 'Markdown with 第N章 / 第N条 headings' }, VERSION.content())
  content: string;

  @Required(undefined, VERSION.changeSummary())
  changeSummary: string;

  @Required({ description: 'Material change: staff must acknowledge again' }, IsBoolean())
  material: boolean;

  @Optional({ type: [AttachmentDto] }, VERSION.attachments())
  attachments?: AttachmentDto[];

  @Optional({ description: 'Effective date (default: when published)' }, IsDateString())
  effectiveFrom?: string;

  @Optional({ type: PlanStructureDto }, VERSION.plan())
  plan?: PlanStructureDto;
}

export class UpdatePolicyVersionDto {
  @Optional(undefined, VERSION.content())
  content?: string;

  @Optional(undefined, VERSION.changeSummary())
  changeSummary?: string;

  @Optional(undefined, IsBoolean())
  material?: boolean;

  @Optional({ type: [AttachmentDto] }, VERSION.attachments())
  attachments?: AttachmentDto[];

  @Optional(undefined, IsDateString())
  effectiveFrom?: string;

  @Optional({ type: PlanStructureDto }, VERSION.plan())
  plan?: PlanStructureDto;
}

export class ReviewVersionDto {
  @Required({ enum: REVIEW_VERDICTS }, IsIn(REVIEW_VERDICTS))
  verdict: ReviewVerdict;

  @Required({ description: 'The SHA-256 of the version the reviewer read; a sign-off for another hash is refused' }, Sha256('contentHash'))
  contentHash: string;

  @Optional({ maxLength: 4000 }, ShortText(4000))
  comment?: string;

  @Optional({ example: '第五条', description: 'Anchor the comment to an article' }, ShortText(30))
  article?: string;
}

export class FindingDto {
  @Required(undefined, Text(1, 4000))
  text: string;

  @Optional({ example: '第五条' }, ShortText(30))
  article?: string;
}

export class AcknowledgeDto {
  @Required({ description: 'The SHA-256 of the version the reader saw' }, Sha256('contentHash'))
  contentHash: string;
}

export class ReviewedNoChangeDto {
  @Required(undefined, Text(1, 2000))
  note: string;
}

/** An incident's level: 1 (I级, most severe) to 4. */
const incidentLevel = () => Required({ minimum: 1, maximum: 4 }, Int(1, 4));

export class ActivateIncidentDto {
  @Required({ format: 'uuid', description: 'The emergency plan (document); its published version is frozen into the incident' }, IsUUID())
  documentId: string;

  @incidentLevel()
  level: number;

  @Required(undefined, Text(1, 200))
  title: string;

  @Optional(undefined, ShortText(4000))
  description?: string;

  @Optional({ description: 'When it was activated (default now)' }, IsDateString())
  activatedAt?: string;

  @Optional({ description: 'A drill run on the incident engine: kept out of incident statistics' }, IsBoolean())
  drill?: boolean;
}

export class IncidentLevelDto {
  @incidentLevel()
  level: number;

  @Optional(undefined, ShortText(1000))
  reason?: string;
}

export class IncidentStepDto {
  @Required(undefined, Int(1))
  order: number;

  @Required({ enum: ['done', 'open'] }, IsIn(['done', 'open']))
  status: 'done' | 'open';

  @Optional(undefined, ShortText(1000))
  note?: string;
}

export class TimelineEntryDto {
  @Required(undefined, Text(1, 4000))
  text: string;

  @Optional({ description: 'When it happened (default now); recorded time is always now' }, IsDateString())
  occurredAt?: string;

  @Optional({ description: 'This entry corrects an earlier one (entries are never edited)' }, IsUUID())
  corrects?: string;
}

export class FollowUpActionDto {
  @Required(undefined, Text(1, 1000))
  action: string;

  @Required(undefined, Text(1, 60))
  owner: string;

  @Required(undefined, IsDateString())
  due: string;
}

export class CloseIncidentDto {
  @Required({ description: 'Closing review 总结评估' }, Text(1, 8000))
  review: string;

  @Optional({ type: [FollowUpActionDto] }, NestedList(() => FollowUpActionDto, 50))
  followUps?: FollowUpActionDto[];
}

export class CreateDrillDto {
  @Required({ format: 'uuid', description: 'The plan version the drill exercises' }, IsUUID())
  versionId: string;

  @Required(undefined, IsDateString())
  plannedFor: string;

  @Required(undefined, Text(1, 300))
  scenario: string;
}

export class StepTimeDto {
  @Required(undefined, Int(1))
  order: number;

  @Required(undefined, Int(0, 100_000))
  minutes: number;
}

export class DrillFindingDto {
  @Required(undefined, Text(1, 1000))
  finding: string;

  @Optional(undefined, ShortText(1000))
  action?: string;

  @Optional(undefined, ShortText(60))
  owner?: string;

  @Optional(undefined, IsDateString())
  due?: string;
}

export class ConductDrillDto {
  @Required(undefined, IsDateString())
  conductedAt: string;

  @Required({ type: [String] }, IsArray(), ArrayMaxSize(500), IsString({ each: true }), MaxLength(60, { each: true }))
  participants: string[];

  @Optional({ type: [StepTimeDto] }, NestedList(() => StepTimeDto))
  stepTimes?: StepTimeDto[];

  @Optional({ type: [DrillFindingDto] }, NestedList(() => DrillFindingDto, 100))
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

/** What may be done with a live incident (突发事件). */
export const INCIDENT_ACTION_LABELS: Record<'level' | 'step' | 'timeline' | 'close', { zh: string; en: string }> = {
  level: { zh: '调整事件级别', en: 'Change level' },
  step: { zh: '更新处置步骤', en: 'Update a step' },
  timeline: { zh: '记录处置进展', en: 'Add to the timeline' },
  close: { zh: '结束事件', en: 'Close' },
};

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
  @OneOrManyOf(DOCUMENT_KINDS)
  kind?: DocumentKind | DocumentKind[];

  @Optional({ format: 'uuid', description: 'Owning department' }, IsUUID())
  ownerUnitId?: string;

  @OneOrManyOf(VERSION_STATUSES, { description: 'Status of the newest version' })
  status?: VersionStatus | VersionStatus[];

  @Optional({ description: 'Only documents due for review (or overdue) within 30 days' }, IsBoolean())
  reviewDue?: boolean;

  @Optional({ maxLength: 100 }, ShortText(100))
  q?: string;

  @IdsFilter()
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
  @Optional({ format: 'uuid' }, IsUUID())
  documentId?: string;

  @OneOrManyOf(VERSION_STATUSES)
  status?: VersionStatus | VersionStatus[];

  @IdsFilter()
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
  @OneOrManyOf(INCIDENT_STATUSES)
  status?: IncidentStatus | IncidentStatus[];

  @Optional({ description: 'true: drills run on the incident engine; false (default in statistics): real incidents' }, IsBoolean())
  drill?: boolean;

  @Optional({ format: 'uuid' }, IsUUID())
  documentId?: string;

  @IdsFilter()
  id?: string | string[];
}
export const INCIDENT_SORT_FIELDS = ['activatedAt', 'level', 'status'] as const;
export type IncidentSortField = (typeof INCIDENT_SORT_FIELDS)[number];
export const INCIDENT_LIST: ListSpec<IncidentFilterDto, IncidentSortField> = { filter: IncidentFilterDto, sort: INCIDENT_SORT_FIELDS, defaultSort: ['activatedAt', 'DESC'] };

export class DrillFilterDto {
  @Optional({ format: 'uuid' }, IsUUID())
  documentId?: string;

  @Optional({ enum: ['planned', 'conducted'] }, IsIn(['planned', 'conducted']))
  status?: 'planned' | 'conducted';

  @IdsFilter()
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
