import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BusinessCategory, CaseArchiveSortField, Cause, ListResult, Outcome, Channel, Severity } from '@xb/contracts';
import { likeContaining, orderByOf } from '@xb/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseArchiveFacts } from '../complaints/workflow/workflow-actions.js';

/** An archive entry joined with the complaint columns it may show — and none of the customer's. */
export interface CaseArchiveRow {
  id: string;
  reference: string;
  channel: Channel;
  business_category: BusinessCategory;
  cause: Cause;
  severity: Severity;
  org_unit_id: string;
  org_unit_name: string;
  received_at: Date;
  resolved_at: Date | null;
  outcome: Outcome | null;
  resolution: string | null;
  compensation_amount: string | null;
  description: string;
  root_cause: string;
  lessons: string;
  tags: string[];
  marked_by_id: string;
  marked_by_username: string;
  marked_at: Date;
  updated_at: Date;
}

export interface CaseArchiveCriteria {
  q?: string;
  tags?: string[];
  businessCategory?: string[];
  cause?: string[];
  ids?: string[];
}

/** Sort fields → SQL (whitelisted by the contract's CASE_ARCHIVE_SORT_FIELDS). */
const SORTS: Record<CaseArchiveSortField, string> = {
  id: 'c.id',
  markedAt: 'a.marked_at',
  receivedAt: 'c.received_at',
  reference: 'c.reference',
  businessCategory: 'c.business_category',
  cause: 'c.cause',
};

/**
 * The columns the archive shows: an explicit list, so that no customer column (masked or
 * encrypted) can ever be selected by accident.
 */
const COLUMNS = `c.id, c.reference, c.channel, c.business_category, c.cause, c.severity, c.org_unit_id, c.org_unit_name,
  c.received_at, c.resolved_at, c.outcome, c.resolution, c.compensation_amount, c.description,
  a.root_cause, a.lessons, a.tags, a.marked_by_id, a.marked_by_username, a.marked_at, a.updated_at`;

@Injectable()
export class CaseArchiveRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Adds the entry, or updates it when the complaint is marked again (the first marking's time and author stay). */
  async upsert(manager: EntityManager, complaintId: string, facts: CaseArchiveFacts, by: { id: string; username: string }, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO case_archive_entry (complaint_id, root_cause, lessons, tags, marked_by_id, marked_by_username, marked_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (complaint_id) DO UPDATE SET root_cause = EXCLUDED.root_cause, lessons = EXCLUDED.lessons, tags = EXCLUDED.tags, updated_at = EXCLUDED.updated_at`,
      [complaintId, facts.rootCause, facts.lessons, facts.tags, by.id, by.username, at],
    );
  }

  async list(k: CaseArchiveCriteria, [start, end]: [number, number], sort: [CaseArchiveSortField, 'ASC' | 'DESC']): Promise<ListResult<CaseArchiveRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (k.q) {
      const p = param(likeContaining(k.q));
      where.push(`(c.reference ILIKE ${p} OR c.description ILIKE ${p} OR a.root_cause ILIKE ${p} OR a.lessons ILIKE ${p})`);
    }
    if (k.tags?.length) where.push(`a.tags && ${param(k.tags)}::text[]`);
    if (k.businessCategory?.length) where.push(`c.business_category = ANY(${param(k.businessCategory)}::text[])`);
    if (k.cause?.length) where.push(`c.cause = ANY(${param(k.cause)}::text[])`);
    if (k.ids?.length) where.push(`c.id = ANY(${param(k.ids)}::uuid[])`);
    const from = `FROM case_archive_entry a JOIN complaint c ON c.id = a.complaint_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [column, direction] = orderByOf(SORTS, sort);
    const order = `${column} ${direction}, c.id ${direction}`;
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(`SELECT ${COLUMNS} ${from} ORDER BY ${order} OFFSET ${start} LIMIT ${end - start + 1}`, params) as Promise<CaseArchiveRow[]>,
      this.ds.query(`SELECT count(*)::int AS total ${from}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  async get(id: string): Promise<CaseArchiveRow | null> {
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM case_archive_entry a JOIN complaint c ON c.id = a.complaint_id WHERE c.id = $1`, [id])) as CaseArchiveRow[];
    return rows[0] ?? null;
  }
}
