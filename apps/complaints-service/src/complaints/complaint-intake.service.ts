import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  CLOCK_SKEW_MS,
  COMPLAINT_EVENTS,
  IMPORT_MAX_ROWS,
  importErrorBody,
  isWithinPath,
  type Actor,
  type ComplaintView,
  type ErrorDetail,
  type ImportComplaintsResult,
  type ImportRowError,
} from '@xb/contracts';
import { appendEvents, badRequest, currentCorrelationId, DirectoryQueries, DomainError, GroupCommit, insertMany, OutboxRelay, unprocessable, validateDto } from '@xb/service-kit';
import type { EntityManager } from 'typeorm';
import { channelTimeLimits, type ChannelTimeLimits, type ComplaintsConfig } from '../config/complaints.config.js';
import type { HolidayCalendar } from '../time-limits/holiday-calendar.js';
import { HolidayCalendarRepository } from '../time-limits/holiday-calendar.repository.js';
import { bankYear, complaintDueAt, DAY_MS, dueDate } from '../time-limits/time-limits.js';
import { CLOCK, COMPLAINTS_CONFIG, type Clock } from '../tokens.js';
import { CreateComplaintInput } from './complaint-inputs.dto.js';
import { assertActorIds, assertCanCreateFor, assertPermitted, complaintScope } from './complaint-scope.js';
import { ComplaintTimelineEntry } from './complaint-timeline.entity.js';
import { Complaint } from './complaint.entity.js';
import { toComplaintView } from './complaint.mapper.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';
import { idNumberProblem } from './id-number.js';
import { PiiVault } from './pii.js';

/** How far past its own receipt an intake looks for a same-customer complaint committed just before it (see writeIntakes). */
const CONCURRENT_RECEIPT_SKEW_MS = 60_000;

const IDEMPOTENCY_KEY_RULE = /^[\x21-\x7e]{1,200}$/;

/** At most this many intakes share one transaction. */
const INTAKE_BATCH_MAX = 100;

/** A validated intake with its org unit as the directory replica holds it (the command carries only the id). */
type PlacedInput = CreateComplaintInput & { orgPath: string; orgUnitName: string };

/** One accepted intake waiting for the group commit. */
interface IntakeItem {
  actor: Actor;
  input: PlacedInput;
  key: string | null;
  now: Date;
  correlationId: string | null;
}

/** A written intake and the complaints of the same batch that repeat it (重复投诉). */
interface WrittenIntake {
  complaint: Complaint;
  repeatedBy: string[];
}

/**
 * 受理 — intake, one by one (concurrent ones share a transaction: group commit) or
 * imported in bulk (all rows in one transaction, or none). Role and scope are enforced
 * here, whatever the gateway checked.
 */
@Injectable()
export class ComplaintIntakeService {
  private readonly limits: ChannelTimeLimits;
  private readonly intakes = new GroupCommit<IntakeItem, WrittenIntake | null>((items) => this.writeIntakeBatch(items), INTAKE_BATCH_MAX);

  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly reads: ComplaintsService,
    private readonly vault: PiiVault,
    private readonly relay: OutboxRelay,
    private readonly calendars: HolidayCalendarRepository,
    @Inject(COMPLAINTS_CONFIG) config: ComplaintsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryQueries,
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
    assertPermitted(actor, 'complaints', 'create');
    const now = this.clock.now();
    const input = await this.place(await validateIntake(data, idempotencyKey, now));
    if (!input) throw unprocessable('Org unit does not exist', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    assertCanCreateFor(actor, input.orgPath);
    const key = typeof idempotencyKey === 'string' ? idempotencyKey : null;

    if (key) {
      const earlier = await this.complaints.findByIdempotencyKey(actor.id, key);
      if (earlier) return this.reads.view(actor, earlier);
    }
    const written = await this.intakes.submit({ actor, input, key, now, correlationId: currentCorrelationId() ?? null });
    if (written) return toComplaintView(written.complaint, actor, now, { repeats: written.repeatedBy, typical: false });
    // Two identical retries raced and this one lost: nothing of it was written; answer with the winner's complaint.
    const winner = key ? await this.complaints.findByIdempotencyKey(actor.id, key) : null;
    if (!winner) throw new Error('intake was skipped but no complaint holds its idempotency key');
    return this.reads.view(actor, winner);
  }

  /** The input with its unit's path and name from the directory replica; undefined for a unit the directory does not know. */
  private async place(input: CreateComplaintInput): Promise<PlacedInput | undefined> {
    const unit = await this.directory.unitOrFetch(input.orgUnitId);
    return unit ? Object.assign(input, { orgPath: unit.path, orgUnitName: unit.name }) : undefined;
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
    assertPermitted(actor, 'complaint-import', 'create');
    const raw = data as { rows?: unknown; dryRun?: unknown } | null;
    if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.rows)) throw badRequest('Validation failed', [{ field: 'rows', message: 'rows must be an array' }]);
    if (raw.rows.length === 0) throw badRequest('Validation failed', [{ field: 'rows', message: 'the file holds no data rows' }]);
    if (raw.rows.length > IMPORT_MAX_ROWS) throw badRequest('Validation failed', [{ field: 'rows', message: `at most ${IMPORT_MAX_ROWS} rows per import` }]);
    const dryRun = raw.dryRun === true;
    const now = new Date();
    const scope = complaintScope(actor);
    const inputs: PlacedInput[] = [];
    const invalid: ImportRowError[] = [];
    const refused: ImportRowError[] = [];
    for (const [i, row] of raw.rows.entries()) {
      try {
        const input = await this.place(await validateIntake(row, undefined, now));
        if (!input) refused.push({ row: i + 1, field: 'orgUnitCode', message: 'unknown unit' });
        else if (!isWithinPath(input.orgPath, scope)) refused.push({ row: i + 1, field: 'orgUnitCode', message: 'the unit is outside your scope' });
        if (input) inputs.push(input);
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
    // The units' paths again, share-locked: a move of one of them commits before this
    // transaction reads them or waits for it to commit (its subtree rewrite then covers these rows).
    const paths = await this.directory.lockPaths(manager, [...new Set(items.map((i) => i.input.orgUnitId))]);
    for (const item of items) item.input.orgPath = paths.get(item.input.orgUnitId) ?? item.input.orgPath;
    const complaintIds = items.map(() => randomUUID());
    const drafts = items.map(({ input, now }) => {
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
      const sealed = this.vault.seal({ name: input.customerName, phone: input.customerPhone, idNumber: input.customerIdNumber });
      return { receivedAt, sealed, windowStart: new Date(receivedAt.getTime() - this.limits.repeatWindowDays * DAY_MS) };
    });
    // 重复投诉: the same customer key within the window before each receipt — keys only, never clear values.
    // Locked first, so two transactions with the same customer (a retried batch's items, two instances) cannot both miss each other.
    await this.complaints.lockCustomers(manager, drafts.map((d) => d.sealed.customerKey));
    const origins = await this.complaints.findRepeatOrigins(
      manager,
      // Up to a minute past the receipt: of two intakes of one customer a few milliseconds apart, the one
      // that commits second may carry the earlier receipt time, and must still find the first.
      drafts.map((d) => ({ customerKey: d.sealed.customerKey, from: d.windowStart, to: new Date(d.receivedAt.getTime() + CONCURRENT_RECEIPT_SKEW_MS) })),
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

