import type { BusinessCategory, Cause, Channel, ComplaintStatus, Severity } from '@xb/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn, type ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; paused time never nears 2^53 ms. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A customer complaint 客户投诉. The schema already holds the workflow columns
 * (assignment, pauses, extensions, escalation, repeat link) so the workflow adds
 * behaviour, not a reshaped table. Customer PII exists only encrypted (`*_enc`) and
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

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /** Optimistic concurrency for workflow commands. */
  @VersionColumn()
  version: number;
}
