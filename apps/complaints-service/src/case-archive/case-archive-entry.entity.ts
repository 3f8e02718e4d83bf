import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A typical case 典型案例 of the case archive: root cause, lessons and tags for one resolved complaint. */
@Entity({ name: 'case_archive_entry' })
export class CaseArchiveEntry {
  @PrimaryColumn('uuid', { name: 'complaint_id' })
  complaintId: string;

  @Column('text', { name: 'root_cause' })
  rootCause: string;

  @Column('text')
  lessons: string;

  @Column('text', { array: true })
  tags: string[];

  @Column('uuid', { name: 'marked_by_id' })
  markedById: string;

  @Column('text', { name: 'marked_by_username' })
  markedByUsername: string;

  @Column('timestamptz', { name: 'marked_at' })
  markedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
