import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrgUnitType } from '@xb/contracts';

/** An org unit. `path` is the materialised path `/<rootId>/…/<id>/`, so a subtree is one indexed LIKE. */
@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  type: OrgUnitType;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text')
  path: string;

  @Column('smallint')
  depth: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
