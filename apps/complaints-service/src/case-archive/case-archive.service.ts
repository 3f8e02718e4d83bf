import { Injectable } from '@nestjs/common';
import { CASE_ARCHIVE_LIST, type Actor, type CaseArchiveEntryView, type ListResult } from '@xb/contracts';
import { asList, listQueryOf, notFound, validateDto } from '@xb/service-kit';
import { ComplaintIdInput } from '../complaints/complaint-inputs.dto.js';
import { assertPermitted } from '../complaints/complaint-scope.js';
import { CaseArchiveRepository, type CaseArchiveRow } from './case-archive.repository.js';

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
    const { filter: f, range, sort } = listQueryOf(query, CASE_ARCHIVE_LIST);
    const page = await this.archive.list(
      { q: f.q?.trim() || undefined, tags: asList(f.tags), businessCategory: asList(f.businessCategory), cause: asList(f.cause), ids: asList(f.id) },
      range,
      sort,
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
