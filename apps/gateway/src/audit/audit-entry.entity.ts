import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit log. Each entry stores the SHA-256 of the previous entry's hash and
 * its own content, so altering or deleting any row breaks the chain from there on.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('timestamptz')
  at: Date;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_username', nullable: true })
  actorUsername: string | null;

  @Column('text')
  action: string;

  @Column('text')
  resource: string;

  @Column('text', { name: 'resource_id', nullable: true })
  resourceId: string | null;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  /** Domain event id for entries fed from JetStream (unique: an event is logged once). */
  @Column('uuid', { name: 'event_id', nullable: true, unique: true })
  eventId: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId: string | null;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}
