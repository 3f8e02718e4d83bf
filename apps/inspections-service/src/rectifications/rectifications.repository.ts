import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RectificationSortField, RectificationStatus } from '@xb/contracts/inspections';
import { likeStartingWith, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';

export interface RectificationRow {
  id: string;
  inspection_id: string;
  outlet_id: string;
  outlet_name: string;
  item_key: string;
  item_text: string;
  dimension_key: string;
  red_line: boolean;
  owner_unit_id: string;
  owner_unit_name: string;
  owner_path: string;
  deadline: string;
  immediate: boolean;
  status: RectificationStatus;
  fix_note: string | null;
  fix_file_ids: string[];
  reject_reason: string | null;
  rejections: number;
  reopens: string | null;
  reopened_by: string | null;
  escalated_at: Date | null;
  escalated_to_unit_id: string | null;
  verified_at: Date | null;
  opened_at: Date;
  version: number;
}

export interface NewRectification {
  id: string;
  inspectionId: string;
  outletId: string;
  itemKey: string;
  itemText: string;
  dimensionKey: string;
  redLine: boolean;
  ownerUnitId: string;
  ownerPath: string;
  deadline: string;
  immediate: boolean;
}

const SELECT = `
  SELECT r.*, to_char(r.deadline, 'YYYY-MM-DD') AS deadline, coalesce(o.name, '') AS outlet_name, coalesce(w.name, '') AS owner_unit_name
    FROM rectification r
    LEFT JOIN directory_org_unit o ON o.id = r.outlet_id
    LEFT JOIN directory_org_unit w ON w.id = r.owner_unit_id`;

const SORT: Record<RectificationSortField, string> = { id: 'r.id', deadline: 'r.deadline', status: 'r.status', openedAt: 'r.opened_at' };

export interface RectificationListFilter {
  scope: string;
  today: string;
  ids?: string[];
  statuses?: RectificationStatus[];
  inspectionId?: string;
  outletId?: string;
  overdue?: boolean;
}

/** All SQL of the rectification aggregate 整改. */
@Injectable()
export class RectificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Opens one rectification; when the same outlet's same item had a verified fix that no later
   * finding reopened yet, the new one reopens it and the two are linked both ways.
   */
  async open(m: EntityManager, r: NewRectification): Promise<{ reopens: string | null }> {
    const [prior] = (await m.query(
      `SELECT id FROM rectification WHERE outlet_id = $1 AND item_key = $2 AND status = 'verified' AND reopened_by IS NULL ORDER BY verified_at DESC LIMIT 1 FOR UPDATE`,
      [r.outletId, r.itemKey],
    )) as { id: string }[];
    await m.query(
      `INSERT INTO rectification (id, inspection_id, outlet_id, item_key, item_text, dimension_key, red_line, owner_unit_id, owner_path, deadline, immediate, status, reopens)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12)`,
      [r.id, r.inspectionId, r.outletId, r.itemKey, r.itemText, r.dimensionKey, r.redLine, r.ownerUnitId, r.ownerPath, r.deadline, r.immediate, prior?.id ?? null],
    );
    if (prior) await m.query(`UPDATE rectification SET reopened_by = $2, version = version + 1 WHERE id = $1`, [prior.id, r.id]);
    return { reopens: prior?.id ?? null };
  }

  async get(id: string, m: EntityManager = this.ds.manager, lock = false): Promise<RectificationRow | undefined> {
    if (lock) await m.query(`SELECT 1 FROM rectification WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = (await m.query(`${SELECT} WHERE r.id = $1`, [id])) as RectificationRow[];
    return row;
  }

  async fix(m: EntityManager, id: string, note: string, fileIds: string[]): Promise<void> {
    await m.query(`UPDATE rectification SET status = 'fix_submitted', fix_note = $2, fix_file_ids = $3, version = version + 1 WHERE id = $1`, [id, note, fileIds]);
  }

  async verify(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(`UPDATE rectification SET status = 'verified', verified_at = now(), verified_by = $2, version = version + 1 WHERE id = $1`, [id, by]);
  }

  async reject(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE rectification SET status = 'open', reject_reason = $2, rejections = rejections + 1, version = version + 1 WHERE id = $1`, [id, reason]);
  }

  /**
   * Flags every open rectification past its deadline that was not escalated yet, and returns
   * them: the `escalated_at IS NULL` guard makes each escalation happen once, whichever
   * instance or pass gets there first.
   */
  async escalateOverdue(m: EntityManager, today: string, limit = 500): Promise<{ id: string; owner_unit_id: string; owner_path: string; outlet_id: string; item_key: string; deadline: string; escalated_to_unit_id: string }[]> {
    const [rows] = (await m.query(
      `UPDATE rectification r SET escalated_at = now(), version = version + 1,
              escalated_to_unit_id = (string_to_array(trim(both '/' from r.owner_path), '/'))[greatest(array_length(string_to_array(trim(both '/' from r.owner_path), '/'), 1) - 1, 1)]::uuid
        WHERE r.id IN (SELECT id FROM rectification WHERE status = 'open' AND escalated_at IS NULL AND deadline < $1 ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED)
          AND r.escalated_at IS NULL
        RETURNING r.id, r.owner_unit_id, r.owner_path, r.outlet_id, r.item_key, to_char(r.deadline, 'YYYY-MM-DD') AS deadline, r.escalated_to_unit_id`,
      [today, limit],
    )) as [{ id: string; owner_unit_id: string; owner_path: string; outlet_id: string; item_key: string; deadline: string; escalated_to_unit_id: string }[], number];
    return rows;
  }

  async list(f: RectificationListFilter, range: [number, number], sort: [string, 'ASC' | 'DESC']): Promise<{ rows: RectificationRow[]; total: number }> {
    const where = [`r.owner_path LIKE $1`];
    const params: unknown[] = [likeStartingWith(f.scope)];
    if (f.ids) where.push(`r.id = ANY($${params.push(f.ids)}::uuid[])`);
    if (f.statuses) where.push(`r.status = ANY($${params.push(f.statuses)}::text[])`);
    if (f.inspectionId) where.push(`r.inspection_id = $${params.push(f.inspectionId)}`);
    if (f.outletId) where.push(`r.outlet_id = $${params.push(f.outletId)}`);
    if (f.overdue !== undefined) where.push(`${f.overdue ? '' : 'NOT '}(r.status = 'open' AND r.deadline < $${params.push(f.today)})`);
    const w = `WHERE ${where.join(' AND ')}`;
    const [col, dir] = orderByOf(SORT, sort);
    const rows = (await this.ds.query(`${SELECT} ${w} ORDER BY ${col} ${dir}, r.id ${dir} OFFSET ${range[0]} LIMIT ${range[1] - range[0] + 1}`, params)) as RectificationRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM rectification r ${w}`, params)) as { n: number }[];
    return { rows, total: n };
  }

  /** Rectifications of a visit not verified yet (what a re-inspection checks). */
  async stillFailing(inspectionId: string): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT item_key FROM rectification WHERE inspection_id = $1 AND status <> 'verified' ORDER BY item_key`, [inspectionId])) as { item_key: string }[];
    return rows.map((r) => r.item_key);
  }
}
