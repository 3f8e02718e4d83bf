import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  CLOCK_SKEW_MS,
  COMPLAINT_CODES,
  COMPLAINT_EVENTS,
  COMPLAINT_SORT_FIELDS,
  ComplaintListFilterDto,
  ComplaintQueueFilterDto,
  IMPORT_MAX_ROWS,
  importErrorBody,
  isWithinPath,
  normaliseRange,
  type Actor,
  type ComplaintCodes,
  type ComplaintPii,
  type ComplaintTimelineEntryView,
  type ComplaintView,
  type ErrorDetail,
  type ImportComplaintsResult,
  type ImportRowError,
  type ListResult,
} from '@xb/contracts';
import { appendEvent, appendEvents, badRequest, currentCorrelationId, DomainError, GroupCommit, insertMany, notFound, OutboxRelay, unauthorized, validateDto } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';
import { channelTimeLimits, type ChannelTimeLimits, type ComplaintsConfig } from '../config/complaints.config.js';
import type { HolidayCalendar } from '../time-limits/holiday-calendar.js';
import { HolidayCalendarRepository } from '../time-limits/holiday-calendar.repository.js';
import { bankDayBounds, bankYear, complaintDueAt, DAY_MS, dueDate } from '../time-limits/time-limits.js';
import { CLOCK, COMPLAINTS_CONFIG, type Clock } from '../tokens.js';
import { ComplaintIdInput, CreateComplaintInput } from './complaint-inputs.dto.js';
import { assertCanCreateFor, assertRole, complaintScope, visibilityOf } from './complaint-scope.js';
import { ComplaintTimelineEntry } from './complaint-timeline.entity.js';
import { Complaint } from './complaint.entity.js';
import { toComplaintView, toTimelineView } from './complaint.mapper.js';
import { ComplaintsRepository, type ComplaintCriteria, type ComplaintSortField } from './complaints.repository.js';
import { idNumberProblem } from './id-number.js';
import { PiiVault } from './pii.js';

const IDEMPOTENCY_KEY_RULE = /^[\x21-\x7e]{1,200}$/;
const UUID_RULE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** At most this many intakes share one transaction. */
const INTAKE_BATCH_MAX = 100;

/** One accepted intake waiting for the group commit. */
interface IntakeItem {
  actor: Actor;
  input: CreateComplaintInput;
  key: string | null;
  now: Date;
  correlationId: string | null;
}

/** A written intake and the complaints of the same batch that repeat it (重复投诉). */
interface WrittenIntake {
  complaint: Complaint;
  repeatedBy: string[];
}

/** The supervision board shows open complaints due within this many days (and all overdue or escalated ones). */
const BOARD_HORIZON_DAYS = 3;

/**
 * Intake (受理, one by one or imported in bulk), reading, the timeline and the work lists
 * ("my queue", the 督办 board). Role and data scope are enforced here, whatever the
 * gateway checked. The workflow actions live in ComplaintWorkflowService.
 */
@Injectable()
export class ComplaintsService {
  private readonly limits: ChannelTimeLimits;
  private readonly intakes = new GroupCommit<IntakeItem, WrittenIntake | null>((items) => this.writeIntakeBatch(items), INTAKE_BATCH_MAX);

  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly vault: PiiVault,
    private readonly relay: OutboxRelay,
    private readonly calendars: HolidayCalendarRepository,
    @Inject(COMPLAINTS_CONFIG) config: ComplaintsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limits = channelTimeLimits(config);
  }

  /**
   * 受理: the complaint, its first timeline step and its `received` event (and
   * `major-reported` for a major one) are committed together, or nothing is. Concurrent
   * intakes share one transaction (group commit, see writeIntakes). A repeated
   * Idempotency-Key returns the first result.
   */
  async create(actor: Actor, data: unknown, idempotencyKey?: unknown): Promise<ComplaintView> {
    assertActorIds(actor);
    assertRole(actor, 'create');
    const now = this.clock.now();
    const input = await validateIntake(data, idempotencyKey, now);
    assertCanCreateFor(actor, input.orgPath);
    const key = typeof idempotencyKey === 'string' ? idempotencyKey : null;

    if (key) {
      const earlier = await this.complaints.findByIdempotencyKey(actor.id, key);
      if (earlier) return this.view(earlier);
    }
    const written = await this.intakes.submit({ actor, input, key, now, correlationId: currentCorrelationId() ?? null });
    if (written) return toComplaintView(written.complaint, now, { repeats: written.repeatedBy, typical: false });
    // Two identical retries raced and this one lost: nothing of it was written; answer with the winner's complaint.
    const winner = key ? await this.complaints.findByIdempotencyKey(actor.id, key) : null;
    if (!winner) throw new Error('intake was skipped but no complaint holds its idempotency key');
    return this.view(winner);
  }

  /** Writes a batch of intakes in one transaction (the group commit behind create). */
  private async writeIntakeBatch(items: IntakeItem[]): Promise<(WrittenIntake | null)[]> {
    const calendar = await this.calendars.current();
    const written = await this.complaints.transaction((manager) => this.writeIntakes(manager, items, calendar));
    this.relay.kick();
    return written;
  }

  /**
   * Bulk import: every row validated (the DTO, the ID check digit, the caller's scope)
   * and then all created in ONE transaction — or, with any row in error, nothing and a
   * per-row report (400 for invalid fields, 422 for rows the domain refuses).
   */
  async importMany(actor: Actor, data: unknown): Promise<ImportComplaintsResult> {
    assertActorIds(actor);
    assertRole(actor, 'import');
    const raw = data as { rows?: unknown; dryRun?: unknown } | null;
    if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.rows)) throw badRequest('Validation failed', [{ field: 'rows', message: 'rows must be an array' }]);
    if (raw.rows.length === 0) throw badRequest('Validation failed', [{ field: 'rows', message: 'the file holds no data rows' }]);
    if (raw.rows.length > IMPORT_MAX_ROWS) throw badRequest('Validation failed', [{ field: 'rows', message: `at most ${IMPORT_MAX_ROWS} rows per import` }]);
    const dryRun = raw.dryRun === true;
    const now = new Date();
    const scope = complaintScope(actor);
    const inputs: CreateComplaintInput[] = [];
    const invalid: ImportRowError[] = [];
    const refused: ImportRowError[] = [];
    for (const [i, row] of raw.rows.entries()) {
      try {
        const input = await validateIntake(row, undefined, now);
        if (!isWithinPath(input.orgPath, scope)) refused.push({ row: i + 1, field: 'orgUnitCode', message: 'the unit is outside your scope' });
        inputs.push(input);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        for (const d of err.body.details ?? [{ field: 'row', message: err.body.message }]) invalid.push({ row: i + 1, field: d.field, message: d.message });
      }
    }
    if (invalid.length || refused.length) {
      throw new RpcException(importErrorBody(invalid.length ? 400 : 422, [...invalid, ...refused].sort((a, b) => a.row - b.row)));
    }
    if (dryRun) return { created: 0, valid: inputs.length, dryRun: true, complaints: [] };

    const calendar = await this.calendars.current();
    const correlationId = currentCorrelationId() ?? null;
    const created = await this.complaints.transaction((manager) =>
      this.writeIntakes(
        manager,
        inputs.map((input) => ({ actor, input, key: null, now, correlationId })),
        calendar,
      ),
    );
    this.relay.kick();
    return {
      created: created.length,
      valid: created.length,
      dryRun: false,
      complaints: created.map((w, i) => ({ row: i + 1, id: w!.complaint.id, reference: w!.complaint.reference })),
    };
  }

  /**
   * Writes accepted complaints inside the caller's transaction, in a fixed number of
   * statements whatever their count: the rows (PII sealed, deadline by the channel's day
   * counting, report-back deadline, repeat link), their first timeline steps and their
   * events. One result per item, in order; null where the item's idempotency key was
   * used meanwhile (nothing of that item is written).
   */
  private async writeIntakes(manager: EntityManager, items: readonly IntakeItem[], calendar: HolidayCalendar): Promise<(WrittenIntake | null)[]> {
    const complaintIds = items.map(() => randomUUID());
    const drafts = items.map(({ input, now }) => {
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
      const sealed = this.vault.seal({ name: input.customerName, phone: input.customerPhone, idNumber: input.customerIdNumber });
      return { receivedAt, sealed, windowStart: new Date(receivedAt.getTime() - this.limits.repeatWindowDays * DAY_MS) };
    });
    // 重复投诉: the same customer key within the window before each receipt — keys only, never clear values.
    const origins = await this.complaints.findRepeatOrigins(
      manager,
      drafts.map((d) => ({ customerKey: d.sealed.customerKey, from: d.windowStart, to: d.receivedAt })),
    );
    const numbers = await this.complaints.nextReferenceNumbers(manager, items.length);
    const complaints = items.map(({ actor, input, key }, i) => {
      const { receivedAt, sealed, windowStart } = drafts[i];
      // An earlier complaint of the same batch counts as an origin too (the latest one wins).
      let repeatOf = origins[i];
      for (let j = 0; j < i; j++) {
        const other = drafts[j];
        if (other.sealed.customerKey !== sealed.customerKey || other.receivedAt < windowStart || other.receivedAt > receivedAt) continue;
        if (!repeatOf || other.receivedAt >= repeatOf.receivedAt) repeatOf = { id: complaintIds[j], receivedAt: other.receivedAt };
      }
      const dayCounting = this.limits.countingFor(input.channel);
      const reportBack = this.limits.reportBackFor(input.channel);
      return manager.create(Complaint, {
        id: complaintIds[i],
        reference: `TS-${bankYear(receivedAt)}-${String(numbers[i]).padStart(6, '0')}`,
        status: 'received',
        channel: input.channel,
        businessCategory: input.businessCategory,
        cause: input.cause,
        severity: input.severity ?? 'general',
        orgUnitId: input.orgUnitId,
        orgUnitName: input.orgUnitName,
        orgPath: input.orgPath,
        receivedAt,
        dueAt: complaintDueAt({ clockStartedAt: receivedAt, extensionLevel: 0, pausedMs: 0, counting: dayCounting }, calendar),
        ...sealed,
        description: input.description,
        demand: input.demand ?? null,
        externalRef: input.externalRef ?? null,
        reportBackDueAt: reportBack ? dueDate(receivedAt, reportBack, calendar) : null,
        namedStaffUserIds: input.namedStaffUserIds ?? [],
        firstResponderId: actor.id,
        firstResponderUsername: actor.username,
        idempotencyKey: key,
        assignedUnitId: null,
        assignedHandlerId: null,
        resolvedAt: null,
        repliedAt: null,
        closedAt: null,
        pausedAt: null,
        pausedMs: 0,
        extensionLevel: 0,
        escalatedAt: null,
        repeatOfId: repeatOf?.id ?? null,
        clockStartedAt: receivedAt,
        clockCycle: 1,
        dayCounting,
        assignedUnitName: null,
        assignedUnitPath: null,
        assignedHandlerUsername: null,
        assignedAt: null,
        startedAt: null,
        outcome: null,
        resolution: null,
        compensationAmount: null,
        replyMethod: null,
        satisfaction: null,
        disputesOutcome: null,
        rejectedAt: null,
        rejectionReason: null,
        withdrawnAt: null,
        withdrawalReason: null,
        pauseReason: null,
        extensions: [],
        overdueAt: null,
        escalatedToUnitId: null,
        escalatedToUnitPath: null,
        reopenCount: 0,
        version: 1,
      });
    });
    const inserted = await this.complaints.insertUnlessReplayed(manager, complaints);
    const written = complaints.map((c, i) => {
      const row = inserted.get(c.id);
      if (!row) {
        // Only a used idempotency key may skip a row; anything else would lose a complaint silently.
        if (!items[i].key) throw new Error(`complaint ${c.reference} was not inserted`);
        return null;
      }
      Object.assign(c, row);
      return c;
    });
    const kept = written.flatMap((c, i) => (c ? [{ complaint: c, item: items[i] }] : []));
    if (!kept.length) return written.map(() => null);

    await insertMany(
      manager,
      ComplaintTimelineEntry,
      kept.map(({ complaint: c, item }) =>
        manager.create(ComplaintTimelineEntry, {
          id: randomUUID(),
          complaintId: c.id,
          action: 'received',
          fromStatus: null,
          toStatus: 'received',
          actorId: item.actor.id,
          actorUsername: item.actor.username,
          actorOrgUnitId: item.actor.orgUnitId,
          occurredAt: item.now,
          note: null,
          details: { channel: c.channel, dayCounting: c.dayCounting, ...(c.repeatOfId ? { repeatOfId: c.repeatOfId } : {}) },
        }),
      ),
    );
    // No PII in events: consumers (audit, scorecard, notifications) get facts, not customers.
    await appendEvents<Record<string, unknown>>(
      manager,
      kept.flatMap(({ complaint: c, item }) => {
        const facts = {
          id: c.id,
          reference: c.reference,
          channel: c.channel,
          businessCategory: c.businessCategory,
          cause: c.cause,
          severity: c.severity,
          orgUnitId: c.orgUnitId,
          receivedAt: c.receivedAt.toISOString(),
          dueAt: c.dueAt.toISOString(),
        };
        const common = {
          actor: { id: item.actor.id, username: item.actor.username, orgUnitId: item.actor.orgUnitId },
          aggregateType: 'complaint',
          aggregateId: c.id,
          orgPath: c.orgPath,
          occurredAt: item.now.toISOString(),
          correlationId: item.correlationId,
        };
        return [
          { ...common, name: COMPLAINT_EVENTS.received, payload: { ...facts, repeatOfId: c.repeatOfId, reportBackDueAt: c.reportBackDueAt?.toISOString() ?? null } },
          // 重大投诉: head office is told at once, in the same transaction as the intake.
          ...(c.severity === 'major' ? [{ ...common, name: COMPLAINT_EVENTS.majorReported, payload: { ...facts, orgUnitName: c.orgUnitName, externalRef: c.externalRef } }] : []),
        ];
      }),
    );
    return written.map((c) => (c ? { complaint: c, repeatedBy: written.filter((o) => o?.repeatOfId === c.id).map((o) => o!.id) } : null));
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertRole(actor, 'read');
    const { filter, range, sort } = listQueryOf(query);
    const criteria = criteriaOf(await validateDto(ComplaintListFilterDto, filter ?? {}), complaintScope(actor), actor.id);
    const page = await this.complaints.list(criteria, rangeOf(range), sortOf(sort));
    return { ...page, items: await this.views(page.items) };
  }

  /** The exact count behind a list's "more than 1,000": same filter, same scope, on demand. */
  async count(actor: Actor, query: unknown): Promise<{ total: number }> {
    assertRole(actor, 'read');
    const { filter } = listQueryOf(query);
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

  private async view(c: Complaint, now = new Date()): Promise<ComplaintView> {
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
    const fields = ['customerName', 'customerPhone', ...(clear.idNumber ? ['customerIdNumber'] : [])];
    await this.complaints.transaction((manager) =>
      appendEvent(manager, {
        name: COMPLAINT_EVENTS.piiRevealed,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'complaint',
        aggregateId: complaint.id,
        orgPath: complaint.orgPath,
        payload: { complaintId: complaint.id, reference: complaint.reference, fields },
      }),
    );
    this.relay.kick();
    return {
      id: complaint.id,
      reference: complaint.reference,
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

/** Actor ids are stored in uuid columns (first responder, timeline); anything else is not a real user. */
function assertActorIds(actor: Actor): void {
  if (!UUID_RULE.test(actor.id) || !UUID_RULE.test(actor.orgUnitId) || typeof actor.username !== 'string' || !actor.username) {
    throw unauthorized('Malformed acting user');
  }
}

/**
 * Validates the create command: the DTO's rules plus what only the service can judge
 * (receivedAt not in the future, the ID number's check digit, the idempotency key),
 * all reported together in one 400.
 */
async function validateIntake(data: unknown, idempotencyKey: unknown, now: Date): Promise<CreateComplaintInput> {
  const details: ErrorDetail[] = [];
  let input: CreateComplaintInput | undefined;
  try {
    input = await validateDto(CreateComplaintInput, data);
  } catch (err) {
    if (!(err instanceof DomainError) || !err.body.details?.length) throw err;
    details.push(...err.body.details);
  }
  const raw = data as Record<string, unknown>;
  const flagged = new Set(details.map((d) => d.field));
  if (typeof raw.receivedAt === 'string' && !flagged.has('receivedAt') && Date.parse(raw.receivedAt) > now.getTime() + CLOCK_SKEW_MS) {
    details.push({ field: 'receivedAt', message: 'receivedAt may not lie in the future' });
  }
  if (typeof raw.customerIdNumber === 'string' && !flagged.has('customerIdNumber')) {
    const problem = idNumberProblem(raw.customerIdNumber);
    if (problem) details.push({ field: 'customerIdNumber', message: problem });
  }
  if (idempotencyKey !== undefined && idempotencyKey !== null && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_RULE.test(idempotencyKey))) {
    details.push({ field: 'idempotencyKey', message: 'idempotencyKey must be 1-200 printable ASCII characters' });
  }
  if (details.length || !input) throw badRequest('Validation failed', distinct(details));
  return input;
}

/** One entry per field and message (a DTO may state the same rule through two decorators). */
function distinct(details: ErrorDetail[]): ErrorDetail[] {
  const seen = new Set<string>();
  return details.filter((d) => {
    const key = `${d.field}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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

function listQueryOf(query: unknown): { filter?: unknown; range?: unknown; sort?: unknown } {
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw badRequest('A list query must be an object { filter, range, sort }');
  }
  return (query ?? {}) as { filter?: unknown; range?: unknown; sort?: unknown };
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
