import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_CODES,
  COMPLAINT_EVENTS,
  COMPLAINT_SORT_FIELDS,
  ComplaintListFilterDto,
  ComplaintQueueFilterDto,
  normaliseRange,
  type Actor,
  type ComplaintCodes,
  type ComplaintPii,
  type ComplaintTimelineEntryView,
  type ComplaintView,
  type ErrorDetail,
  type ListResult,
} from '@xb/contracts';
import { appendEvent, badRequest, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { bankDayBounds, DAY_MS } from '../time-limits/time-limits.js';
import { ComplaintIdInput } from './complaint-inputs.dto.js';
import { assertActorIds, assertRole, complaintScope, visibilityOf } from './complaint-scope.js';
import { Complaint } from './complaint.entity.js';
import { toComplaintView, toTimelineView } from './complaint.mapper.js';
import { ComplaintsRepository, type ComplaintCriteria, type ComplaintSortField } from './complaints.repository.js';
import { customerFieldRule, PiiVault, revealableFields } from './pii.js';

/** The supervision board shows open complaints due within this many days (and all overdue or escalated ones). */
const BOARD_HORIZON_DAYS = 3;

/**
 * Reading complaints: lists, one record, the timeline, the work lists ("my queue", the 督办
 * board) and the audited PII reveal. Role and data scope are enforced here, whatever the
 * gateway checked. Intake lives in ComplaintIntakeService, the workflow actions in
 * ComplaintWorkflowService.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly vault: PiiVault,
    private readonly relay: OutboxRelay,
  ) {}

  async list(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertRole(actor, 'read');
    const { filter, range, sort } = listParts(query);
    const criteria = criteriaOf(await validateDto(ComplaintListFilterDto, filter ?? {}), complaintScope(actor), actor.id);
    const page = await this.complaints.list(criteria, rangeOf(range), sortOf(sort));
    return { ...page, items: await this.views(page.items) };
  }

  /** The exact count behind a list's "more than 1,000": same filter, same scope, on demand. */
  async count(actor: Actor, query: unknown): Promise<{ total: number }> {
    assertRole(actor, 'read');
    const { filter } = listParts(query);
    const criteria = criteriaOf(await validateDto(ComplaintListFilterDto, filter ?? {}), complaintScope(actor), actor.id);
    return { total: await this.complaints.count(criteria) };
  }

  async get(actor: Actor, data: unknown): Promise<ComplaintView> {
    assertRole(actor, 'read');
    return this.view(await this.visible(actor, data));
  }

  /** The complaint's history, oldest first (each step with actor, time, note and facts). */
  async timeline(actor: Actor, data: unknown): Promise<ComplaintTimelineEntryView[]> {
    assertRole(actor, 'read');
    const complaint = await this.visible(actor, data);
    return (await this.complaints.timeline(complaint.id)).map(toTimelineView);
  }

  /** "My queue": open complaints assigned to me first, then my units' open ones, by due date. */
  async queue(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertRole(actor, 'queue');
    const { filter, range } = listParts(query);
    const f = await validateDto(ComplaintQueueFilterDto, filter ?? {});
    const page = await this.complaints.queue(complaintScope(actor), actor.id, { mine: f.mine === true, q: f.q?.trim() || undefined }, rangeOf(range));
    return { items: await this.views(page.items), total: page.total };
  }

  /** 督办 board: overdue, escalated and soon-due open complaints in scope, soonest first. */
  async supervisionBoard(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertRole(actor, 'supervisionBoard');
    const { range } = listParts(query);
    const horizon = new Date(Date.now() + BOARD_HORIZON_DAYS * DAY_MS);
    const page = await this.complaints.supervisionBoard(complaintScope(actor), actor.id, horizon, rangeOf(range));
    return { items: await this.views(page.items), total: page.total };
  }

  /** One complaint as the API shows it, with its links (repeats, case archive). */
  async view(c: Complaint, now = new Date()): Promise<ComplaintView> {
    return toComplaintView(c, now, (await this.complaints.links([c.id])).get(c.id));
  }

  private async views(items: Complaint[]): Promise<ComplaintView[]> {
    const links = await this.complaints.links(items.map((c) => c.id));
    const now = new Date();
    return items.map((c) => toComplaintView(c, now, links.get(c.id)));
  }

  /**
   * Clear PII for an admin, or a handler whose scope holds the complaint. The reveal is
   * committed to the outbox (→ audit log) before any clear value leaves the service.
   */
  async revealPii(actor: Actor, data: unknown): Promise<ComplaintPii> {
    assertActorIds(actor);
    assertRole(actor, 'revealPii');
    const complaint = await this.visible(actor, data);
    const clear = this.vault.open(complaint);
    // By level (JR/T 0171): only revealable (C2) fields, and only those that hold a value.
    const fields = revealableFields({ customerName: true, customerPhone: true, customerIdNumber: clear.idNumber !== null });
    const levels = Object.fromEntries(fields.map((f) => [f, customerFieldRule(f).level]));
    await this.complaints.transaction((manager) =>
      appendEvent(manager, {
        name: COMPLAINT_EVENTS.piiRevealed,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'complaint',
        aggregateId: complaint.id,
        orgPath: complaint.orgPath,
        payload: { complaintId: complaint.id, reference: complaint.reference, fields, levels },
      }),
    );
    this.relay.kick();
    return {
      id: complaint.id,
      reference: complaint.reference,
      // Every customer field is C2 (revealable); pii.ts refuses to load with any other level.
      customerName: clear.name,
      customerPhone: clear.phone,
      customerIdNumber: clear.idNumber,
    };
  }

  codes(): ComplaintCodes {
    return COMPLAINT_CODES;
  }

  /** The complaint named by `{ id }` if the actor's scope holds it; 404 otherwise, so existence never leaks. */
  private async visible(actor: Actor, data: unknown): Promise<Complaint> {
    const { id } = await validateDto(ComplaintIdInput, data);
    const { scope, actorId } = visibilityOf(actor);
    const complaint = await this.complaints.findInScope(id, scope, actorId);
    if (!complaint) throw notFound('Complaint');
    return complaint;
  }
}

const asList = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The validated filter as repository criteria; a whole day given for receivedTo includes that day. */
function criteriaOf(filter: ComplaintListFilterDto, scope: string, actorId: string): ComplaintCriteria {
  const details: ErrorDetail[] = [];
  const instant = (field: 'receivedFrom' | 'receivedTo'): Date | undefined => {
    const value = filter[field];
    if (value === undefined) return undefined;
    const at = DAY_ONLY.test(value) ? bankDayBounds(value).start : new Date(value);
    if (Number.isNaN(at.getTime())) details.push({ field, message: `${field} is not a valid date` });
    return at;
  };
  const receivedFrom = instant('receivedFrom');
  const receivedTo = instant('receivedTo');
  if (details.length) throw badRequest('Validation failed', details);
  const wholeDayTo = filter.receivedTo !== undefined && DAY_ONLY.test(filter.receivedTo);
  return {
    scope,
    actorId,
    orgPath: filter.orgPath || undefined,
    orgUnitId: filter.orgUnitId,
    status: asList(filter.status),
    channel: asList(filter.channel),
    businessCategory: asList(filter.businessCategory),
    severity: asList(filter.severity),
    cause: asList(filter.cause),
    receivedFrom,
    receivedTo: wholeDayTo ? undefined : receivedTo,
    receivedBefore: wholeDayTo && receivedTo ? new Date(receivedTo.getTime() + 24 * 3600 * 1000) : undefined,
    q: filter.q?.trim() || undefined,
    ids: asList(filter.id),
  };
}

function listParts(query: unknown): { filter?: unknown; range?: unknown; sort?: unknown } {
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw badRequest('A list query must be an object { filter, range, sort }');
  }
  return (query ?? {}) as { filter?: unknown; range?: unknown; sort?: unknown };
}

function rangeOf(range: unknown): [number, number] {
  if (range === undefined) return normaliseRange(undefined);
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw badRequest('Validation failed', [{ field: 'range', message: 'range must be [start, end] row indexes' }]);
  }
  return normaliseRange(range as [number, number]);
}

function sortOf(sort: unknown): [ComplaintSortField, 'ASC' | 'DESC'] {
  if (sort === undefined) return ['receivedAt', 'DESC'];
  const fields: readonly string[] = COMPLAINT_SORT_FIELDS;
  if (!Array.isArray(sort) || sort.length !== 2 || !fields.includes(sort[0]) || (sort[1] !== 'ASC' && sort[1] !== 'DESC')) {
    throw badRequest('Validation failed', [
      { field: 'sort', message: `sort must be [field, "ASC" | "DESC"] with field one of ${COMPLAINT_SORT_FIELDS.join(', ')}` },
    ]);
  }
  return sort as [ComplaintSortField, 'ASC' | 'DESC'];
}
