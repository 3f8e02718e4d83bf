import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  BUSINESS_CATEGORY_KEYS,
  CAUSE_KEYS,
  CHANNEL_KEYS,
  COMPLAINT_STATUS_KEYS,
  SEVERITY_KEYS,
  TRANSFERRED_CHANNELS,
  type BusinessCategory,
  type Cause,
  type Channel,
  type ComplaintStatus,
  type Outcome,
  type ReplyMethod,
  type Satisfaction,
  type Severity,
  type WorkflowAction,
} from './codes.js';
import type { ComplaintExtension, DayCounting } from './workflow.js';
import { OneOrMany, oneOrManySchema, type ListSpec } from '../common/list-query.js';

/** Mainland mobile (11 digits starting 1) or a landline with optional area code and extension. */
export const PHONE_RULE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{5,8})$/;
/** 18-character resident ID number (the check digit is verified in the service). */
export const ID_NUMBER_RULE = /^\d{17}[\dX]$/;

export class CreateComplaintDto {
  @ApiProperty({ enum: CHANNEL_KEYS, enumName: 'ComplaintChannel', description: '受理渠道' })
  @IsIn(CHANNEL_KEYS)
  channel: Channel;

  @ApiProperty({ enum: BUSINESS_CATEGORY_KEYS, enumName: 'BusinessCategory', description: '业务类别 (JR/T 0169 B axis)' })
  @IsIn(BUSINESS_CATEGORY_KEYS)
  businessCategory: BusinessCategory;

  @ApiProperty({ enum: CAUSE_KEYS, enumName: 'ComplaintCause', description: '投诉原因 (JR/T 0169 C axis)' })
  @IsIn(CAUSE_KEYS)
  cause: Cause;

  @ApiProperty({ format: 'uuid', description: 'Responsible org unit' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; may not lie in the future' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 50)
  customerName: string;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @Matches(PHONE_RULE, { message: 'customerPhone must be a mobile number (11 digits) or a landline' })
  customerPhone: string;

  @ApiPropertyOptional({ example: '110101199003071234' })
  @IsOptional()
  @IsString()
  @Matches(ID_NUMBER_RULE, { message: 'customerIdNumber must be an 18-character resident ID number' })
  customerIdNumber?: string;

  @ApiProperty({ description: 'What happened, in the customer’s words' })
  @IsString()
  @Length(5, 5000)
  description: string;

  @ApiPropertyOptional({ description: '诉求 — what the customer asks for' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  demand?: string;

  @ApiPropertyOptional({ description: 'Reference of the transferring body; required for 12345, 12363 and regulator transfers' })
  @ValidateIf((o: CreateComplaintDto) => TRANSFERRED_CHANNELS.includes(o.channel) || o.externalRef !== undefined)
  @IsString({ message: 'externalRef is required for transferred channels (12345, 12363, regulator transfer)' })
  @Length(1, 64, { message: 'externalRef is required for transferred channels (12345, 12363, regulator transfer)' })
  externalRef?: string;

  @ApiPropertyOptional({ enum: SEVERITY_KEYS, enumName: 'ComplaintSeverity', default: 'general' })
  @IsOptional()
  @IsIn(SEVERITY_KEYS)
  severity?: Severity;

  @ApiPropertyOptional({ type: [String], description: 'Users named in the complaint (回避: they may not handle it)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  namedStaffUserIds?: string[];
}

/** What the gateway sends to the service: the DTO as is; the service reads the unit's path and name from its directory replica. */
export type CreateComplaintCommand = CreateComplaintDto;

/**
 * Filters every complaint-shaped list shares (complaints, case archive): the two JR/T 0169
 * axes, free text and react-admin's getMany ids. Each value may be one key or an array.
 */
export class ComplaintCodeFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: BUSINESS_CATEGORY_KEYS }), description: '业务类别 (JR/T 0169 B axis)' })
  @IsOptional()
  @OneOrMany()
  @IsIn(BUSINESS_CATEGORY_KEYS, { each: true })
  businessCategory?: BusinessCategory | BusinessCategory[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: CAUSE_KEYS }), description: '投诉原因 (JR/T 0169 C axis)' })
  @IsOptional()
  @OneOrMany()
  @IsIn(CAUSE_KEYS, { each: true })
  cause?: Cause | Cause[];

  @ApiPropertyOptional({ description: 'Free text', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** ra-data-simple-rest getMany sends `{id: [...]}`. */
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', format: 'uuid' }), description: 'react-admin getMany' })
  @IsOptional()
  @OneOrMany()
  @IsUUID('all', { each: true })
  id?: string | string[];
}

export class ComplaintListFilterDto extends ComplaintCodeFilterDto {
  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: COMPLAINT_STATUS_KEYS }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(COMPLAINT_STATUS_KEYS, { each: true })
  status?: ComplaintStatus | ComplaintStatus[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: CHANNEL_KEYS }), description: '受理渠道' })
  @IsOptional()
  @OneOrMany()
  @IsIn(CHANNEL_KEYS, { each: true })
  channel?: Channel | Channel[];

  @ApiPropertyOptional({ ...oneOrManySchema({ type: 'string', enum: SEVERITY_KEYS }) })
  @IsOptional()
  @OneOrMany()
  @IsIn(SEVERITY_KEYS, { each: true })
  severity?: Severity | Severity[];

  /** Unit and everything below it. */
  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and everything below it' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or after (a date alone: from its start)' })
  @IsOptional()
  @IsISO8601()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or before (a date alone: that whole day)' })
  @IsOptional()
  @IsISO8601()
  receivedTo?: string;
}

export const COMPLAINT_SORT_FIELDS = ['id', 'receivedAt', 'dueAt', 'reference', 'status', 'severity', 'channel', 'createdAt'] as const;
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

export const COMPLAINT_LIST: ListSpec<ComplaintListFilterDto, ComplaintSortField> = {
  filter: ComplaintListFilterDto,
  sort: COMPLAINT_SORT_FIELDS,
  defaultSort: ['receivedAt', 'DESC'],
};

export type ClockState = 'running' | 'paused' | 'stopped';
/** 办理时限计时: running while the complaint is handled, paused (中止) with a reason, stopped once answered or ended. */
export const CLOCK_STATE_LABELS: Record<ClockState, { zh: string; en: string }> = {
  running: { zh: '计时中', en: 'Running' },
  paused: { zh: '已中止计时', en: 'Paused' },
  stopped: { zh: '已停止计时', en: 'Stopped' },
};

export interface ComplaintView {
  id: string;
  reference: string;
  status: ComplaintStatus;
  channel: Channel;
  businessCategory: BusinessCategory;
  cause: Cause;
  severity: Severity;
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  receivedAt: string;
  dueAt: string;
  /** Whole days until dueAt (negative when overdue); null once the clock has stopped. */
  daysLeft: number | null;
  overdue: boolean;
  clockState: ClockState;
  /** Masked: 张*, 138****5678, 1101**********1234. */
  customerName: string;
  customerPhone: string;
  customerIdNumber: string | null;
  description: string;
  demand: string | null;
  externalRef: string | null;
  namedStaffUserIds: string[];
  /** 首问负责: the accepting user stays on record as owner of the intake. */
  firstResponder: { id: string; username: string };
  createdAt: string;
  updatedAt: string;
  version: number;
  // — Workflow (分办 → 办结 → 反馈 → 回访), time limits, supervision, repeats. —
  /** Handling unit and handler (分办); null until assigned. */
  assignedUnitId: string | null;
  assignedUnitName: string | null;
  assignedUnitPath: string | null;
  assignedHandlerId: string | null;
  assignedHandlerUsername: string | null;
  assignedAt: string | null;
  startedAt: string | null;
  /** 办结. */
  outcome: Outcome | null;
  resolution: string | null;
  compensationAmount: number | null;
  resolvedAt: string | null;
  /** 反馈: how and when the customer was told. */
  replyMethod: ReplyMethod | null;
  repliedAt: string | null;
  /** 回访. */
  satisfaction: Satisfaction | null;
  disputesOutcome: boolean | null;
  closedAt: string | null;
  rejectionReason: string | null;
  rejectedAt: string | null;
  withdrawalReason: string | null;
  withdrawnAt: string | null;
  /** When the current clock started: receipt, or the last reopening (二次投诉). */
  clockStartedAt: string;
  dayCounting: DayCounting;
  /** The current limit in days: 15, 30 after one extension, 60 after two. */
  timeLimitDays: number;
  extensionLevel: number;
  extensions: ComplaintExtension[];
  /** Set while the clock is paused (outside appraisal); pausedMs is the paused time already counted, in whole days (Civil Code art. 201; older rows: wall-clock time, rounded up when recounted). */
  pausedAt: string | null;
  pauseReason: string | null;
  pausedMs: number;
  /** Report-back deadline of a transferred complaint (12345, 12363, regulator). */
  reportBackDueAt: string | null;
  /** 督办: overdue and escalated to the unit above the handling unit. */
  escalation: { at: string; toUnitId: string; toUnitPath: string; overdueSince: string } | null;
  reopenCount: number;
  /** 重复投诉: the same customer's earlier complaint within the window, and later ones linking here. */
  repeatOfId: string | null;
  repeats: string[];
  /** Marked as a typical case (案例库). */
  typical: boolean;
  /**
   * The workflow actions the caller may take on this complaint now (its roles in the
   * permissions table, scope, state, recusal 回避, extension approval). The console offers
   * exactly these; the service still checks every action when it is taken.
   */
  availableActions: WorkflowAction[];
}

/**
 * A PII reveal states why (查询事由): the reason is recorded with the reveal in the audit
 * log. Whitespace alone is no reason.
 */
export class RevealPiiDto {
  @ApiProperty({ description: 'Why the clear customer data is needed (查询事由), 2–200 characters; recorded in the audit log' })
  @IsString()
  @Length(2, 200)
  @Matches(/\S[\s\S]*\S/, { message: 'reason must contain at least two non-blank characters' })
  reason: string;
}

export interface ComplaintPii {
  id: string;
  reference: string;
  customerName: string;
  customerPhone: string;
  customerIdNumber: string | null;
}
