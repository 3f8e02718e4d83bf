import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TemplateFilterDto, TemplateSortField } from '@xb/contracts/inspections';
import { orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChecklistTemplate } from '../scoring/template.js';

export interface TemplateRow {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published';
  name: string;
  body: ChecklistTemplate;
  created_by: string;
  created_at: Date;
  published_at: Date | null;
}

const SORT: Record<TemplateSortField, string> = { id: 'id', key: 'key', version: 'version', createdAt: 'created_at' };

/** All SQL of the template aggregate. */
@Injectable()
export class TemplatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(m: EntityManager, t: { id: string; key: string; version: number; name: string; body: ChecklistTemplate; createdBy: string }): Promise<TemplateRow> {
    const [row] = (await m.query(
      `INSERT INTO inspection_template (id, key, version, status, name, body, created_by) VALUES ($1, $2, $3, 'draft', $4, $5, $6) RETURNING *`,
      [t.id, t.key, t.version, t.name, JSON.stringify(t.body), t.createdBy],
    )) as TemplateRow[];
    return row;
  }

  /** The next version number of a key, with the key's rows locked so two creators cannot take the same one. */
  async nextVersion(m: EntityManager, key: string): Promise<{ next: number; hasDraft: boolean }> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('inspection_template:' || $1))`, [key]);
    const [r] = (await m.query(`SELECT coalesce(max(version), 0) + 1 AS next, bool_or(status = 'draft') AS has_draft FROM inspection_template WHERE key = $1`, [key])) as {
      next: number;
      has_draft: boolean | null;
    }[];
    return { next: Number(r.next), hasDraft: r.has_draft === true };
  }

  async get(id: string, m: EntityManager = this.ds.manager, lock = false): Promise<TemplateRow | undefined> {
    const [row] = (await m.query(`SELECT * FROM inspection_template WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as TemplateRow[];
    return row;
  }

  async updateDraft(m: EntityManager, id: string, name: string, body: ChecklistTemplate): Promise<TemplateRow> {
    const [[row]] = (await m.query(`UPDATE inspection_template SET name = $2, body = $3 WHERE id = $1 AND status = 'draft' RETURNING *`, [id, name, JSON.stringify(body)])) as [
      TemplateRow[],
      number,
    ];
    return row;
  }

  async publish(m: EntityManager, id: string): Promise<TemplateRow> {
    const [[row]] = (await m.query(`UPDATE inspection_template SET status = 'published', published_at = now() WHERE id = $1 AND status = 'draft' RETURNING *`, [id])) as [
      TemplateRow[],
      number,
    ];
    return row;
  }

  async list(f: TemplateFilterDto & { ids?: string[] }, range: [number, number], sort: [string, 'ASC' | 'DESC']): Promise<{ rows: TemplateRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.ids) where.push(`id = ANY($${params.push(f.ids)}::uuid[])`);
    if (f.key) where.push(`key = $${params.push(f.key)}`);
    if (f.status) where.push(`status = $${params.push(f.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [col, dir] = orderByOf(SORT, sort);
    const rows = (await this.ds.query(`SELECT * FROM inspection_template ${w} ORDER BY ${col} ${dir}, id ${dir} OFFSET ${range[0]} LIMIT ${range[1] - range[0] + 1}`, params)) as TemplateRow[];
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM inspection_template ${w}`, params)) as { n: number }[];
    return { rows, total: n };
  }
}
