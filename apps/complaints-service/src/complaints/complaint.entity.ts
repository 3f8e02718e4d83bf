import type { BusinessCategory, Cause, Channel, ComplaintExtension, ComplaintStatus, DayCounting, Outcome, ReplyMethod, Satisfaction, Severity } from '@xb/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn, type ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; paused time never nears 2^53 ms. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** numeric(12,2) yuan → number (exact to the fen well below 2^53). */
const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A customer complaint 客户投诉 with its workflow state (assignment, outcome, reply,
 * follow-up), its clock (start, pauses, extensions) and supervision marks. Customer PII exists only encrypted (`*_enc`) and
 * masked; `customerKey` is an HMAC for repeat detection.
 */
@Entity({ name: 'complaint' })
export class Complaint {
  @PrimaryColumn('uuid')
  id: string;

  /** TS-<year>-<6-digit sequence>. */
  @Column('text')
  reference: string;

  @Column('text')
  status: ComplaintStatus;

  @Column('text')
  channel: Channel;

  @Column('text', { name: 'business_category' })
  businessCategory: BusinessCategory;

  @Column('text')
  cause: Cause;

  @Column('text')
  severity: Severity;

  /** The responsible unit, resolved by the gateway at intake. */
  @Column('uuid', { name: 'org_unit_id' })
  orgUnitId: string;

  @Column('text', { name: 'org_unit_name' })
  orgUnitName: string;

  /** Materialised path of the responsible unit; data scope is a prefix match on it. */
  @Column('text', { name: 'org_path' })
  orgPath: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  /** The current deadline (限时办结); moved by pauses and extensions. */
  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('bytea', { name: 'customer_name_enc' })
  customerNameEnc: Buffer;

  @Column('bytea', { name: 'customer_phone_enc' })
  customerPhoneEnc: Buffer;

  @Column('bytea', { name: 'customer_id_number_enc', nullable: true })
  customerIdNumberEnc: Buffer | null;

  @Column('text', { name: 'customer_name_masked' })
  customerNameMasked: string;

  @Column('text', { name: 'customer_phone_masked' })
  customerPhoneMasked: string;

  @Column('text', { name: 'customer_id_number_masked', nullable: true })
  customerIdNumberMasked: string | null;

  /** HMAC-SHA256 (hex) of the ID number, else the phone: same customer, same key. */
  @Column('text', { name: 'customer_key' })
  customerKey: string;

  @Column('text')
  description: string;

  @Column('text', { nullable: true })
  demand: string | null;

  /** Reference of the transferring body (12345, 12363, regulator). */
  @Column('text', { name: 'external_ref', nullable: true })
  externalRef: string | null;

  /** Report-back deadline of a transferred complaint, when the source sets its own. */
  @Column('timestamptz', { name: 'report_back_due_at', nullable: true })
  reportBackDueAt: Date | null;

  /** Staff named in the complaint (回避: they may not handle it). */
  @Column('uuid', { name: 'named_staff_user_ids', array: true })
  namedStaffUserIds: string[];

  /** 首问负责: the accepting user stays on record as owner of the intake. */
  @Column('uuid', { name: 'first_responder_id' })
  firstResponderId: string;

  @Column('text', { name: 'first_responder_username' })
  firstResponderUsername: string;

  /** The creating call's Idempotency-Key, unique per first responder. */
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('uuid', { name: 'assigned_unit_id', nullable: true })
  assignedUnitId: string | null;

  @Column('uuid', { name: 'assigned_handler_id', nullable: true })
  assignedHandlerId: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('timestamptz', { name: 'replied_at', nullable: true })
  repliedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Set while the clock is paused (outside appraisal / testing). */
  @Column('timestamptz', { name: 'paused_at', nullable: true })
  pausedAt: Date | null;

  /** Total time spent paused, in milliseconds. */
  @Column('bigint', { name: 'paused_ms', transformer: bigintAsNumber })
  pausedMs: number;

  /** 0 = 15 days, 1 = extended to 30, 2 = extended to 60. */
  @Column('smallint', { name: 'extension_level' })
  extensionLevel: number;

  /** 督办: when the overdue complaint was escalated to the unit above. */
  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  /** 二次投诉: the earlier complaint this one repeats. */
  @Column('uuid', { name: 'repeat_of_id', nullable: true })
  repeatOfId: string | null;

  // — Workflow columns (migration ComplaintWorkflow1795402000000). —

  /** When the current clock started: receipt, or the last reopening (二次投诉). */
  @Column('timestamptz', { name: 'clock_started_at' })
  clockStartedAt: Date;

  /** 1 at receipt, +1 per reopening; reminders and escalations are once per cycle and extension. */
  @Column('integer', { name: 'clock_cycle' })
  clockCycle: number;

  /** Calendar or business days, fixed at intake from the channel's configuration. */
  @Column('text', { name: 'day_counting' })
  dayCounting: DayCounting;

  @Column('text', { name: 'assigned_unit_name', nullable: true })
  assignedUnitName: string | null;

  /** Materialised path of the handling unit: its subtree may work the complaint. */
  @Column('text', { name: 'assigned_unit_path', nullable: true })
  assignedUnitPath: string | null;

  @Column('text', { name: 'assigned_handler_username', nullable: true })
  assignedHandlerUsername: string | null;

  @Column('timestamptz', { name: 'assigned_at', nullable: true })
  assignedAt: Date | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('text', { nullable: true })
  outcome: Outcome | null;

  @Column('text', { nullable: true })
  resolution: string | null;

  @Column('numeric', { name: 'compensation_amount', precision: 12, scale: 2, nullable: true, transformer: numericAsNumber })
  compensationAmount: number | null;

  @Column('text', { name: 'reply_method', nullable: true })
  replyMethod: ReplyMethod | null;

  @Column('text', { nullable: true })
  satisfaction: Satisfaction | null;

  /** 回访: the customer disputes the outcome. */
  @Column('boolean', { name: 'disputes_outcome', nullable: true })
  disputesOutcome: boolean | null;

  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  rejectedAt: Date | null;

  @Column('text', { name: 'rejection_reason', nullable: true })
  rejectionReason: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('text', { name: 'withdrawal_reason', nullable: true })
  withdrawalReason: string | null;

  @Column('text', { name: 'pause_reason', nullable: true })
  pauseReason: string | null;

  /** Every extension on record, with reason, approver and customer notice. */
  @Column('jsonb')
  extensions: ComplaintExtension[];

  /** 督办: the deadline that had passed when supervision escalated it. */
  @Column('timestamptz', { name: 'overdue_at', nullable: true })
  overdueAt: Date | null;

  @Column('uuid', { name: 'escalated_to_unit_id', nullable: true })
  escalatedToUnitId: string | null;

  @Column('text', { name: 'escalated_to_unit_path', nullable: true })
  escalatedToUnitPath: string | null;

  @Column('integer', { name: 'reopen_count' })
  reopenCount: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /** Optimistic concurrency for workflow commands. */
  @VersionColumn()
  version: number;
}
