import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_CODES,
  COMPLAINT_EVENTS,
  COMPLAINT_LIST,
  COMPLAINT_QUEUE_LIST,
  SUPERVISION_BOARD_LIST,
  type Actor,
  type ComplaintListFilterDto,
  type ComplaintCodes,
  type ComplaintPii,
  type ComplaintTimelineEntryView,
  type ComplaintView,
  type ErrorDetail,
  type ListResult,
} from '@xb/contracts';
import { appendEvent, asList, badRequest, DirectoryQueries, listQueryOf, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { bankDayBounds, DAY_MS } from '../time-limits/time-limits.js';
import { ComplaintIdInput, RevealPiiInput } from './complaint-inputs.dto.js';
import { assertActorIds, assertPermitted, complaintScope, visibilityOf } from './complaint-scope.js';
import { Complaint } from './complaint.entity.js';
import { toComplaintView, toTimelineView } from './complaint.mapper.js';
import { ComplaintsRepository, type ComplaintCriteria } from './complaints.repository.js';
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
    private readonly directory: DirectoryQueries,
  ) {}

  /** The list filter as criteria, its `orgUnitId` subtree resolved to the unit's current path in the directory replica. */
  private async criteria(actor: Actor, valid: ComplaintListFilterDto): Promise<ComplaintCriteria> {
    // An unknown unit has no subtree: its own id as a root path matches nothing.
    const orgPath = valid.orgUnitId ? ((await this.directory.unit(valid.orgUnitId))?.path ?? `/${valid.orgUnitId}/`) : undefined;
    return criteriaOf(valid, orgPath, complaintScope(actor), actor.id);
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertPermitted(actor, 'complaints', 'list');
    const { filter, range, sort } = listQueryOf(query, COMPLAINT_LIST);
    const criteria = await this.criteria(actor, filter);
    const page = await this.complaints.list(criteria, range, sort);
    return { ...page, items: await this.views(actor, page.items) };
  }

  /** The exact count behind a list's "more than 1,000": same filter, same scope, on demand. */
  async count(actor: Actor, query: unknown): Promise<{ total: number }> {
    assertPermitted(actor, 'complaints', 'list');
    const { filter } = listQueryOf(query, COMPLAINT_LIST);
    const criteria = await this.criteria(actor, filter);
    return { total: await this.complaints.count(criteria) };
  }

  async get(actor: Actor, data: unknown): Promise<ComplaintView> {
    assertPermitted(actor, 'complaints', 'show');
    return this.view(actor, await this.visible(actor, data));
  }

  /** The complaint's history, oldest first (each step with actor, time, note and facts). */
  async timeline(actor: Actor, data: unknown): Promise<ComplaintTimelineEntryView[]> {
    assertPermitted(actor, 'complaints', 'show');
    const complaint = await this.visible(actor, data);
    return (await this.complaints.timeline(complaint.id)).map(toTimelineView);
  }

  /** "My queue": open complaints assigned to me first, then my units' open ones, by due date. */
  async queue(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertPermitted(actor, 'complaint-queue', 'list');
    const { filter: f, range } = listQueryOf(query, COMPLAINT_QUEUE_LIST);
    const page = await this.complaints.queue(complaintScope(actor), actor.id, { mine: f.mine === true, q: f.q?.trim() || undefined }, range);
    return { items: await this.views(actor, page.items), total: page.total };
  }

  /** 督办 board: overdue, escalated and soon-due open complaints in scope, soonest first. */
  async supervisionBoard(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertPermitted(actor, 'complaint-supervision', 'list');
    const { range } = listQueryOf(query, SUPERVISION_BOARD_LIST);
    const horizon = new Date(Date.now() + BOARD_HORIZON_DAYS * DAY_MS);
    const page = await this.complaints.supervisionBoard(complaintScope(actor), actor.id, horizon, range);
    return { items: await this.views(actor, page.items), total: page.total };
  }

  /** One complaint as the API shows it to `actor`, with its links (repeats, case archive) and the actor's available actions. */
  async view(actor: Actor, c: Complaint, now = new Date()): Promise<ComplaintView> {
    return toComplaintView(c, actor, now, (await this.complaints.links([c.id])).get(c.id));
  }

  private async views(actor: Actor, items: Complaint[]): Promise<ComplaintView[]> {
    const links = await this.complaints.links(items.map((c) => c.id));
    const now = new Date();
    return items.map((c) => toComplaintView(c, actor, now, links.get(c.id)));
  }

  /**
   * Clear PII for an admin, or a handler whose scope holds the complaint. The reveal is
   * committed to the outbox (→ audit log), with the stated reason (查询事由), before any
   * clear value leaves the service. No reason, no reveal (400).
   */
  async revealPii(actor: Actor, data: unknown): Promise<ComplaintPii> {
    assertActorIds(actor);
    assertPermitted(actor, 'complaints', 'reveal');
    const { id, reason } = await validateDto(RevealPiiInput, data);
    const complaint = await this.visible(actor, { id });
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
        payload: { complaintId: complaint.id, reference: complaint.reference, reason: reason.trim(), fields, levels },
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

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The validated filter as repository criteria; a whole day given for receivedTo includes that day. */
function criteriaOf(filter: ComplaintListFilterDto, orgPath: string | undefined, scope: string, actorId: string): ComplaintCriteria {
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
    orgPath,
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
