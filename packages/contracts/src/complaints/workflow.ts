/**
 * The complaint workflow on the wire: action commands (one DTO per action), outcome and
 * follow-up coded lists, the timeline, the supervision board and the time-limit facts a
 * view carries. Validation here is what the gateway checks; the service checks it again.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OUTCOME_KEYS, REPLY_METHOD_KEYS, SATISFACTION_KEYS, type ComplaintStatus, type Outcome, type ReplyMethod, type Satisfaction } from './codes.js';
import type { TimelineAction } from './codes.js';
import type { ListSpec } from '../common/list-query.js';
import { COMPLAINT_SORT_FIELDS, type ComplaintSortField } from './dto.js';

/** Clocks of gateway and service differ a little; instants "not in the future" allow this much. */
export const CLOCK_SKEW_MS = 60_000;

/** Every action may carry the version the caller last saw; a stale one answers 409. */
export abstract class WorkflowCommandDto {
  @ApiPropertyOptional({ description: 'The complaint version the caller saw (optimistic concurrency: 409 when stale)', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: 'Free-text note for the timeline', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** 分办: to an org unit and one of its handlers (the gateway checks the user). */
export class AssignComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ format: 'uuid', description: 'Handling org unit' })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ format: 'uuid', description: 'Handler: an active user with the handler role in that unit or below it' })
  @IsUUID()
  handlerId: string;
}

/** What the gateway sends for assign: the DTO plus the complaint id; the service reads the unit and the handler from its directory replica. */
export interface AssignComplaintCommand extends AssignComplaintDto {
  id: string;
}

export class StartComplaintDto extends WorkflowCommandDto {}

/** 办结. */
export class ResolveComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ enum: OUTCOME_KEYS, enumName: 'ComplaintOutcome' })
  @IsIn(OUTCOME_KEYS)
  outcome: Outcome;

  @ApiProperty({ description: 'The decision and what was done' })
  @IsString()
  @Length(5, 5000)
  resolution: string;

  @ApiPropertyOptional({ description: 'Compensation paid to the customer, in yuan (2 decimals)', default: 0, minimum: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(9_999_999_999.99)
  compensationAmount?: number;
}

/** 反馈: how and when the customer was told. */
export class ReplyComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ enum: REPLY_METHOD_KEYS, enumName: 'ReplyMethod' })
  @IsIn(REPLY_METHOD_KEYS)
  method: ReplyMethod;

  @ApiProperty({ format: 'date-time', description: 'When the customer was informed; not in the future' })
  @IsISO8601({ strict: true })
  informedAt: string;
}

/** 回访. */
export class CloseComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ enum: SATISFACTION_KEYS, enumName: 'ComplaintSatisfaction' })
  @IsIn(SATISFACTION_KEYS)
  satisfaction: Satisfaction;

  @ApiProperty({ description: 'The customer disputes the outcome (异议)' })
  @IsBoolean()
  disputesOutcome: boolean;
}

/** 不予受理. */
export class RejectComplaintDto extends WorkflowCommandDto {
  @ApiProperty()
  @IsString()
  @Length(2, 1000)
  reason: string;
}

/** 客户撤诉. */
export class WithdrawComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ description: 'What the customer said when withdrawing' })
  @IsString()
  @Length(2, 1000)
  reason: string;
}

/** 二次投诉: back to assigned with a new 15-day clock; new facts are required. */
export class ReopenComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ description: 'The new facts that justify reopening' })
  @IsString()
  @Length(5, 5000)
  newFacts: string;
}

/** 延期: to 30 days by the handling unit; to 60 days only by an admin (the approver). */
export class ExtendComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ description: 'Why the case is complex' })
  @IsString()
  @Length(2, 1000)
  reason: string;

  @ApiProperty({ format: 'date-time', description: 'When the customer was told of the extension; not in the future' })
  @IsISO8601({ strict: true })
  customerNotifiedAt: string;
}

/** 暂停计时: outside appraisal / testing. */
export class PauseComplaintDto extends WorkflowCommandDto {
  @ApiProperty({ description: 'e.g. 司法鉴定, 第三方检测' })
  @IsString()
  @Length(2, 1000)
  reason: string;
}

export class ResumeComplaintDto extends WorkflowCommandDto {}

/** 典型案例: root cause, lessons and tags for the case archive. */
export class MarkTypicalDto extends WorkflowCommandDto {
  @ApiProperty()
  @IsString()
  @Length(2, 2000)
  rootCause: string;

  @ApiProperty()
  @IsString()
  @Length(2, 5000)
  lessons: string;

  @ApiProperty({ type: [String], example: ['社保卡', '等待时间'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  tags: string[];
}

/** One extension on record (each with reason, approver and customer notice). */
export interface ComplaintExtension {
  level: 1 | 2;
  limitDays: number;
  reason: string;
  customerNotifiedAt: string;
  approvedBy: { id: string; username: string };
  at: string;
}

export type DayCounting = 'calendar' | 'business';
/** How a time limit counts days: 自然日 (calendar) or 工作日 (business days, by the holiday calendar). */
export const DAY_COUNTING_LABELS: Record<DayCounting, { zh: string; en: string }> = {
  calendar: { zh: '自然日', en: 'Calendar days' },
  business: { zh: '工作日', en: 'Business days' },
};

/** One step of a complaint's history. `data` holds action facts (never customer PII). */
export interface ComplaintTimelineEntryView {
  action: TimelineAction;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  actor: { id: string; username: string } | null;
  at: string;
  note: string | null;
  data: Record<string, unknown>;
}

/** Filter of the "my queue" list. */
export class ComplaintQueueFilterDto {
  /** Only complaints assigned to me. */
  @ApiPropertyOptional({ description: 'Only complaints assigned to me' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'Free text', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** The 督办 board takes no filter: it is every open complaint in scope that is overdue, escalated or soon due. */
export class SupervisionBoardFilterDto {}

/** Queue and board answer in their own fixed order; a list's usual sort fields are accepted and ignored. */
export const COMPLAINT_QUEUE_LIST: ListSpec<ComplaintQueueFilterDto, ComplaintSortField> = {
  filter: ComplaintQueueFilterDto,
  sort: COMPLAINT_SORT_FIELDS,
  defaultSort: ['dueAt', 'ASC'],
};
export const SUPERVISION_BOARD_LIST: ListSpec<SupervisionBoardFilterDto, ComplaintSortField> = {
  filter: SupervisionBoardFilterDto,
  sort: COMPLAINT_SORT_FIELDS,
  defaultSort: ['dueAt', 'ASC'],
};

/** Result of one supervision pass (督办). `ran` is false when another instance held the lock. */
export interface SupervisionRunResult {
  ran: boolean;
  reminders: number;
  escalations: number;
}
