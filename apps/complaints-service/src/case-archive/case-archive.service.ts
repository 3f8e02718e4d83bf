import { Injectable } from '@nestjs/common';
import { CASE_ARCHIVE_SORT_FIELDS, CaseArchiveFilterDto, normaliseRange, type Actor, type CaseArchiveEntryView, type ListResult } from '@xb/contracts';
import { badRequest, notFound, validateDto } from '@xb/service-kit';
import { ComplaintIdInput } from '../complaints/complaint-inputs.dto.js';
import { assertPermitted } from '../complaints/complaint-scope.js';
import { CaseArchiveRepository, type CaseArchiveRow } from './case-archive.repository.js';

const asList = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/**
 * Case archive 案例库: typical complaints for everyone to learn from. Bank-wide for every
 * role (the lessons are the point), which is safe because an entry carries no customer
 * data at all — not even the masked fields.
 */
@Injectable()
export class CaseArchiveService {
  constructor(private readonly archive: CaseArchiveRepository) {}

  async list(actor: Actor, query: unknown): Promise<ListResult<CaseArchiveEntryView>> {
    assertPermitted(actor, 'case-archive', 'list');
    if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
      throw badRequest('A list query must be an object { filter, range, sort }');
    }
    const { filter, range, sort } = (query ?? {}) as { filter?: unknown; range?: unknown; sort?: unknown };
    const f = await validateDto(CaseArchiveFilterDto, filter ?? {});
    const page = await this.archive.list(
      { q: f.q?.trim() || undefined, tags: asList(f.tags), businessCategory: asList(f.businessCategory), cause: asList(f.cause), ids: asList(f.id) },
      rangeOf(range),
      sortOf(sort),
    );
    return { items: page.items.map(toCaseView), total: page.total };
  }

  async get(actor: Actor, data: unknown): Promise<CaseArchiveEntryView> {
    assertPermitted(actor, 'case-archive', 'show');
    const { id } = await validateDto(ComplaintIdInput, data);
    const row = await this.archive.get(id);
    if (!row) throw notFound('Case');
    return toCaseView(row);
  }
}

function rangeOf(range: unknown): [number, number] {
  if (range === undefined) return normaliseRange(undefined);
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw badRequest('Validation failed', [{ field: 'range', message: 'range must be [start, end] row indexes' }]);
  }
  return normaliseRange(range as [number, number]);
}

function sortOf(sort: unknown): [string, 'ASC' | 'DESC'] {
  if (sort === undefined) return ['markedAt', 'DESC'];
  const fields: readonly string[] = CASE_ARCHIVE_SORT_FIELDS;
  if (!Array.isArray(sort) || sort.length !== 2 || !fields.includes(sort[0]) || (sort[1] !== 'ASC' && sort[1] !== 'DESC')) {
    throw badRequest('Validation failed', [{ field: 'sort', message: `sort must be [field, "ASC" | "DESC"] with field one of ${CASE_ARCHIVE_SORT_FIELDS.join(', ')}` }]);
  }
  return sort as [string, 'ASC' | 'DESC'];
}

export function toCaseView(r: CaseArchiveRow): CaseArchiveEntryView {
  return {
    id: r.id,
    reference: r.reference,
    channel: r.channel,
    businessCategory: r.business_category,
    cause: r.cause,
    severity: r.severity,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    receivedAt: r.received_at.toISOString(),
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
    outcome: r.outcome,
    resolution: r.resolution,
    compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
    description: r.description,
    rootCause: r.root_cause,
    lessons: r.lessons,
    tags: r.tags,
    markedBy: { id: r.marked_by_id, username: r.marked_by_username },
    markedAt: r.marked_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
