import type { ComplaintStatus, TimelineAction } from '@xb/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step of a complaint's history (each step a recorded event with actor and time). */
@Entity({ name: 'complaint_timeline' })
export class ComplaintTimelineEntry {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'complaint_id' })
  complaintId: string;

  @Column('text')
  action: TimelineAction;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: ComplaintStatus | null;

  @Column('text', { name: 'to_status', nullable: true })
  toStatus: ComplaintStatus | null;

  /** The acting user; supervision (督办) acts as the system user. */
  @Column('uuid', { name: 'actor_id' })
  actorId: string;

  @Column('text', { name: 'actor_username' })
  actorUsername: string;

  @Column('uuid', { name: 'actor_org_unit_id', nullable: true })
  actorOrgUnitId: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text', { nullable: true })
  note: string | null;

  /** Action-specific facts (extension reason and approver, pause reason …); never PII. */
  @Column('jsonb')
  details: Record<string, unknown>;
}
