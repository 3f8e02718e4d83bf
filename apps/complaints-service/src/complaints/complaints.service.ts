import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_CODES,
  COMPLAINT_EVENTS,
  COMPLAINT_SORT_FIELDS,
  ComplaintListFilterDto,
  normaliseRange,
  type Actor,
  type ComplaintCodes,
  type ComplaintPii,
  type ComplaintView,
  type ErrorDetail,
  type ListResult,
} from '@xb/contracts';
import { appendEvent, badRequest, DomainError, notFound, OutboxRelay, unauthorized, validateDto } from '@xb/service-kit';
import { bankDayBounds, bankYear, dueDate } from '../time-limits/time-limits.js';
import { ComplaintIdInput, CreateComplaintInput } from './complaint-inputs.dto.js';
import { assertCanCreateFor, assertRole, complaintScope } from './complaint-scope.js';
import { ComplaintTimelineEntry } from './complaint-timeline.entity.js';
import { Complaint } from './complaint.entity.js';
import { toComplaintView } from './complaint.mapper.js';
import { ComplaintsRepository, isUniqueViolation, type ComplaintCriteria, type ComplaintSortField } from './complaints.repository.js';
import { idNumberProblem } from './id-number.js';
import { PiiVault } from './pii.js';

/** Clocks of the gateway and this service may differ a little; "in the future" allows for that. */
const CLOCK_SKEW_MS = 60_000;
const IDEMPOTENCY_KEY_RULE = /^[\x21-\x7e]{1,200}$/;
const UUID_RULE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Intake (受理) and reading of complaints. Role and data scope are enforced here, whatever the gateway checked. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly vault: PiiVault,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * 受理: one transaction writes the complaint, its first timeline step and the
   * `received` event, or nothing. A repeated Idempotency-Key returns the first result.
   */
  async create(actor: Actor, data: unknown, idempotencyKey?: unknown): Promise<ComplaintView> {
    assertActorIds(actor);
    assertRole(actor, 'create');
    const now = new Date();
    const input = await validateIntake(data, idempotencyKey, now);
    assertCanCreateFor(actor, input.orgPath);
    const key = typeof idempotencyKey === 'string' ? idempotencyKey : null;

    if (key) {
      const earlier = await this.complaints.findByIdempotencyKey(actor.id, key);
      if (earlier) return toComplaintView(earlier);
    }

    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    const dueAt = dueDate(receivedAt);
    let created: Complaint;
    try {
      created = await this.complaints.transaction(async (manager) => {
        const number = await this.complaints.nextReferenceNumber(manager);
        const complaint = manager.create(Complaint, {
          id: randomUUID(),
          reference: `TS-${bankYear(receivedAt)}-${String(number).padStart(6, '0')}`,
          status: 'received',
          channel: input.channel,
          businessCategory: input.businessCategory,
          cause: input.cause,
          severity: input.severity ?? 'general',
          orgUnitId: input.orgUnitId,
          orgUnitName: input.orgUnitName,
          orgPath: input.orgPath,
          receivedAt,
          dueAt,
          ...this.vault.seal({ name: input.customerName, phone: input.customerPhone, idNumber: input.customerIdNumber }),
          description: input.description,
          demand: input.demand ?? null,
          externalRef: input.externalRef ?? null,
          reportBackDueAt: null,
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
          repeatOfId: null,
        });
        if (!(await this.complaints.insertUnlessReplayed(manager, complaint))) throw new IdempotentReplay();
        await manager.insert(ComplaintTimelineEntry, {
          id: randomUUID(),
          complaintId: complaint.id,
          action: 'received',
          fromStatus: null,
          toStatus: 'received',
          actorId: actor.id,
          actorUsername: actor.username,
          actorOrgUnitId: actor.orgUnitId,
          occurredAt: now,
          note: null,
          details: { channel: complaint.channel },
        });
        // No PII in events: consumers (audit, scorecard, notifications) get facts, not customers.
        await appendEvent(manager, {
          name: COMPLAINT_EVENTS.received,
          actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
          aggregateType: 'complaint',
          aggregateId: complaint.id,
          orgPath: complaint.orgPath,
          occurredAt: now.toISOString(),
          payload: {
            id: complaint.id,
            reference: complaint.reference,
            channel: complaint.channel,
            businessCategory: complaint.businessCategory,
            cause: complaint.cause,
            severity: complaint.severity,
            orgUnitId: complaint.orgUnitId,
            receivedAt: receivedAt.toISOString(),
            dueAt: dueAt.toISOString(),
          },
        });
        return complaint;
      });
    } catch (err) {
      // Two identical retries raced and this one lost: its transaction is rolled back; answer with the winner's complaint.
      if (key && (err instanceof IdempotentReplay || isUniqueViolation(err, 'complaint_idempotency_uq'))) {
        const winner = await this.complaints.findByIdempotencyKey(actor.id, key);
        if (winner) return toComplaintView(winner);
      }
      throw err;
    }
    this.relay.kick();
    return toComplaintView(created, now);
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<ComplaintView>> {
    assertRole(actor, 'read');
    if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
      throw badRequest('A list query must be an object { filter, range, sort }');
    }
    const { filter, range, sort } = (query ?? {}) as { filter?: unknown; range?: unknown; sort?: unknown };
    const criteria = criteriaOf(await validateDto(ComplaintListFilterDto, filter ?? {}), complaintScope(actor));
    const page = await this.complaints.list(criteria, rangeOf(range), sortOf(sort));
    const now = new Date();
    return { items: page.items.map((c) => toComplaintView(c, now)), total: page.total };
  }

  async get(actor: Actor, data: unknown): Promise<ComplaintView> {
    assertRole(actor, 'read');
    return toComplaintView(await this.visible(actor, data));
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
    const complaint = await this.complaints.findInScope(id, complaintScope(actor));
    if (!complaint) throw notFound('Complaint');
    return complaint;
  }
}

/** Raised inside the intake transaction when a concurrent request with the same idempotency key committed first. */
class IdempotentReplay extends Error {
  constructor() {
    super('idempotency key already used');
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
function criteriaOf(filter: ComplaintListFilterDto, scope: string): ComplaintCriteria {
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
