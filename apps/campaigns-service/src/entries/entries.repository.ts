import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntryView } from '@xb/contracts/campaigns';
import { DataSource, type EntityManager } from 'typeorm';

interface EntryRow {
  id: string;
  title: string;
  org_unit_id: string;
  org_path: string;
  created_by: string;
  created_at: Date;
  version: number;
}

const view = (r: EntryRow): EntryView => ({
  id: r.id,
  title: r.title,
  orgUnitId: r.org_unit_id,
  orgPath: r.org_path,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

/** All SQL of the entry aggregate. */
@Injectable()
export class EntriesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(manager: EntityManager, e: { id: string; title: string; orgUnitId: string; orgPath: string; createdBy: string }): Promise<EntryView> {
    const [row] = (await manager.query(
      `INSERT INTO entry (id, title, org_unit_id, org_path, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [e.id, e.title, e.orgUnitId, e.orgPath, e.createdBy],
    )) as EntryRow[];
    return view(row);
  }

  /** The entry when it lies in `scope` (a path prefix), else undefined. */
  async findInScope(id: string, scope: string): Promise<EntryView | undefined> {
    const [row] = (await this.ds.query(`SELECT * FROM entry WHERE id = $1 AND org_path LIKE $2 || '%'`, [id, scope])) as EntryRow[];
    return row && view(row);
  }
}
