/**
 * What each workflow action does to a complaint, as pure functions of (complaint, input,
 * context): the column changes, the facts for the timeline and the event. Whether the
 * action is allowed in the complaint's state is NOT decided here — that is the transition
 * table (complaint-workflow.ts) — only the action's own domain rules (recusal 回避, the
 * admin approval of a second extension, instants not in the future …). Rules that depend
 * on the complaint and the actor alone (not on the input) are `refusal`s, so that the
 * record's `availableActions` leave out what would be refused.
 */
import {
  CLOCK_SKEW_MS,
  COMPLAINT_EVENTS,
  mayDo,
  type Actor,
  type ComplaintExtension,
  type TimelineAction,
  type WorkflowAction,
} from '@xb/contracts';
import { badRequest, forbidden, unprocessable } from '@xb/service-kit';
import type { HolidayCalendar } from '../../time-limits/holiday-calendar.js';
import { complaintDueAt, limitDaysFor, MAX_EXTENSION_LEVEL, pausedMsAfterResume } from '../../time-limits/time-limits.js';
import { assertMayAssignTo } from '../complaint-scope.js';
import type { Complaint } from '../complaint.entity.js';
import {
  AssignInput,
  CloseInput,
  ExtendInput,
  MarkTypicalInput,
  PauseInput,
  RejectInput,
  ReopenInput,
  ReplyInput,
  ResolveInput,
  ResumeInput,
  StartInput,
  WithdrawInput,
} from './workflow-inputs.dto.js';

export interface ActionContext {
  actor: Actor;
  now: Date;
  calendar: HolidayCalendar;
}

/** A case-archive entry to write with the action (mark-typical). */
export interface CaseArchiveFacts {
  rootCause: string;
  lessons: string;
  tags: string[];
}

export interface ActionEffect {
  changes: Partial<Complaint>;
  /** Facts for the event payload: no free text, no PII. */
  facts: Record<string, unknown>;
  /** Facts for the timeline: `facts` plus the action's free text (reasons, resolution …). */
  details: Record<string, unknown>;
  caseArchive?: CaseArchiveFacts;
}

interface BaseInput {
  id: string;
  version?: number;
  note?: string;
}

export interface ActionSpec<I extends BaseInput> {
  input: new () => I;
  event: string;
  timeline: TimelineAction;
  /** Why this actor may not take the action on this complaint whatever the input (checked before `effect`), or undefined. */
  refusal?(c: Complaint, actor: Actor): Error | undefined;
  effect(c: Complaint, input: I, ctx: ActionContext): ActionEffect;
}

/** The deadline of `c` after `changes`: limit by extension level from the clock start, moved by paused time. */
function dueAfter(c: Complaint, changes: Partial<Complaint>, calendar: HolidayCalendar): Date {
  const next = { ...c, ...changes };
  return complaintDueAt({ clockStartedAt: next.clockStartedAt, extensionLevel: next.extensionLevel, pausedMs: next.pausedMs, counting: next.dayCounting }, calendar);
}

/** Stopping the clock ends a running pause: its time is added, so the record shows the final deadline. */
function endPause(c: Complaint, ctx: ActionContext): Partial<Complaint> {
  if (!c.pausedAt) return {};
  const pausedMs = pausedMsAfterResume(c.pausedMs, c.pausedAt, ctx.now, c.dayCounting, ctx.calendar);
  return { pausedAt: null, pauseReason: null, pausedMs, dueAt: dueAfter(c, { pausedMs }, ctx.calendar) };
}

/** An instant a user reports ("the customer was told at …"): not in the future, not before receipt. */
function reportedInstant(field: string, value: string, c: Complaint, now: Date): Date {
  const at = new Date(value);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badRequest('Validation failed', [{ field, message: `${field} may not lie in the future` }]);
  if (at.getTime() < c.receivedAt.getTime() - CLOCK_SKEW_MS) throw badRequest('Validation failed', [{ field, message: `${field} may not lie before the complaint was received` }]);
  return at;
}

const ids = (c: Complaint) => ({ id: c.id, reference: c.reference });

const assign: ActionSpec<AssignInput> = {
  input: AssignInput,
  event: COMPLAINT_EVENTS.assigned,
  timeline: 'assigned',
  effect(c, input, ctx) {
    assertMayAssignTo(ctx.actor, input.orgUnitPath);
    if (c.namedStaffUserIds.includes(input.handlerId)) {
      throw unprocessable('回避: the complaint names this member of staff, who therefore may not handle it', [
        { field: 'handlerId', message: '回避 — named in the complaint' },
      ]);
    }
    if (c.assignedHandlerId === input.handlerId && c.assignedUnitId === input.orgUnitId && c.status === 'assigned') {
      throw unprocessable('The complaint is already assigned to this unit and handler');
    }
    const previous = c.assignedUnitId ? { unitId: c.assignedUnitId, unitName: c.assignedUnitName, handlerId: c.assignedHandlerId, handlerUsername: c.assignedHandlerUsername } : null;
    const facts = {
      ...ids(c),
      unitId: input.orgUnitId,
      unitName: input.orgUnitName,
      handlerId: input.handlerId,
      handlerUsername: input.handlerUsername,
      reassigned: previous !== null,
      previous,
    };
    return {
      changes: {
        assignedUnitId: input.orgUnitId,
        assignedUnitName: input.orgUnitName,
        assignedUnitPath: input.orgUnitPath,
        assignedHandlerId: input.handlerId,
        assignedHandlerUsername: input.handlerUsername,
        assignedAt: ctx.now,
        startedAt: null,
      },
      facts,
      details: facts,
    };
  },
};

const start: ActionSpec<StartInput> = {
  input: StartInput,
  event: COMPLAINT_EVENTS.started,
  timeline: 'started',
  effect(c, _input, ctx) {
    const facts = { ...ids(c), handlerId: c.assignedHandlerId, unitId: c.assignedUnitId };
    return { changes: { startedAt: ctx.now }, facts, details: facts };
  },
};

const resolve: ActionSpec<ResolveInput> = {
  input: ResolveInput,
  event: COMPLAINT_EVENTS.resolved,
  timeline: 'resolved',
  effect(c, input, ctx) {
    const clock = endPause(c, ctx);
    const dueAt = clock.dueAt ?? c.dueAt;
    const compensationAmount = input.compensationAmount ?? 0;
    const facts = {
      ...ids(c),
      outcome: input.outcome,
      compensationAmount,
      resolvedAt: ctx.now.toISOString(),
      dueAt: dueAt.toISOString(),
      // The decision alone does not stop the clock (CBIRC 2020 Order No. 3 art. 18: decide
      // AND inform): this only says the decision came in time. The figure that counts is
      // `onTime` on `replied`, when the customer is informed.
      decidedWithinLimit: ctx.now.getTime() <= dueAt.getTime(),
      extensionLevel: c.extensionLevel,
      handlerId: c.assignedHandlerId,
      unitId: c.assignedUnitId,
    };
    return {
      changes: { ...clock, outcome: input.outcome, resolution: input.resolution, compensationAmount, resolvedAt: ctx.now },
      facts,
      details: { ...facts, resolution: input.resolution },
    };
  },
};

const reply: ActionSpec<ReplyInput> = {
  input: ReplyInput,
  event: COMPLAINT_EVENTS.replied,
  timeline: 'replied',
  effect(c, input, ctx) {
    const informedAt = reportedInstant('informedAt', input.informedAt, c, ctx.now);
    // The customer is informed OF the decision: not before it was taken (with the same
    // clock-skew allowance as every reported instant: the decision time is the server's).
    if (c.resolvedAt && informedAt.getTime() < c.resolvedAt.getTime() - CLOCK_SKEW_MS) {
      throw badRequest('Validation failed', [{ field: 'informedAt', message: 'informedAt may not lie before the complaint was resolved (办结)' }]);
    }
    // The clock stops here (反馈): decided AND informed by the due time is what counts.
    const facts = {
      ...ids(c),
      method: input.method,
      informedAt: informedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      onTime: informedAt.getTime() <= c.dueAt.getTime(),
      extensionLevel: c.extensionLevel,
      handlerId: c.assignedHandlerId,
      unitId: c.assignedUnitId,
    };
    return { changes: { replyMethod: input.method, repliedAt: informedAt }, facts, details: facts };
  },
};

const close: ActionSpec<CloseInput> = {
  input: CloseInput,
  event: COMPLAINT_EVENTS.closed,
  timeline: 'closed',
  effect(c, input, ctx) {
    const facts = { ...ids(c), satisfaction: input.satisfaction, disputesOutcome: input.disputesOutcome, closedAt: ctx.now.toISOString() };
    return { changes: { satisfaction: input.satisfaction, disputesOutcome: input.disputesOutcome, closedAt: ctx.now }, facts, details: facts };
  },
};

const reject: ActionSpec<RejectInput> = {
  input: RejectInput,
  event: COMPLAINT_EVENTS.rejected,
  timeline: 'rejected',
  effect(c, input, ctx) {
    const facts = { ...ids(c), rejectedAt: ctx.now.toISOString() };
    return { changes: { ...endPause(c, ctx), rejectedAt: ctx.now, rejectionReason: input.reason }, facts, details: { ...facts, reason: input.reason } };
  },
};

const withdraw: ActionSpec<WithdrawInput> = {
  input: WithdrawInput,
  event: COMPLAINT_EVENTS.withdrawn,
  timeline: 'withdrawn',
  effect(c, input, ctx) {
    const facts = { ...ids(c), withdrawnAt: ctx.now.toISOString() };
    return { changes: { ...endPause(c, ctx), withdrawnAt: ctx.now, withdrawalReason: input.reason }, facts, details: { ...facts, reason: input.reason } };
  },
};

/** 二次投诉: back to the handler with a fresh 15-day clock from now; the earlier outcome stays on the timeline. */
const reopen: ActionSpec<ReopenInput> = {
  input: ReopenInput,
  event: COMPLAINT_EVENTS.reopened,
  timeline: 'reopened',
  effect(c, input, ctx) {
    const restart: Partial<Complaint> = { clockStartedAt: ctx.now, clockCycle: c.clockCycle + 1, extensionLevel: 0, pausedMs: 0, pausedAt: null, pauseReason: null };
    const dueAt = dueAfter(c, restart, ctx.calendar);
    const facts = {
      ...ids(c),
      cycle: c.clockCycle + 1,
      previousStatus: c.status,
      previousOutcome: c.outcome,
      previousSatisfaction: c.satisfaction,
      clockStartedAt: ctx.now.toISOString(),
      dueAt: dueAt.toISOString(),
      handlerId: c.assignedHandlerId,
      unitId: c.assignedUnitId,
    };
    return {
      changes: {
        ...restart,
        dueAt,
        reopenCount: c.reopenCount + 1,
        startedAt: null,
        outcome: null,
        resolution: null,
        compensationAmount: null,
        resolvedAt: null,
        replyMethod: null,
        repliedAt: null,
        satisfaction: null,
        disputesOutcome: null,
        closedAt: null,
        overdueAt: null,
        escalatedAt: null,
        escalatedToUnitId: null,
        escalatedToUnitPath: null,
      },
      facts,
      details: { ...facts, newFacts: input.newFacts, previousResolution: c.resolution },
    };
  },
};

/** 延期: to 30 days by the handling unit; to 60 only by an admin, who is then the approver on record. */
const extend: ActionSpec<ExtendInput> = {
  input: ExtendInput,
  event: COMPLAINT_EVENTS.extended,
  timeline: 'extended',
  refusal(c, actor) {
    if (c.extensionLevel >= MAX_EXTENSION_LEVEL) {
      return unprocessable(`The time limit is already extended to ${limitDaysFor(MAX_EXTENSION_LEVEL)} days, the maximum`);
    }
    if (c.extensionLevel + 1 === 2 && !mayDo(actor.roles, 'complaints', 'extend-approve')) {
      return forbidden(`A second extension (to ${limitDaysFor(2)} days) needs the approval of an admin (消保办): ask an admin to extend it`);
    }
    return undefined;
  },
  effect(c, input, ctx) {
    const level = (c.extensionLevel + 1) as 1 | 2;
    const customerNotifiedAt = reportedInstant('customerNotifiedAt', input.customerNotifiedAt, c, ctx.now);
    const extension: ComplaintExtension = {
      level,
      limitDays: limitDaysFor(level),
      reason: input.reason,
      customerNotifiedAt: customerNotifiedAt.toISOString(),
      approvedBy: { id: ctx.actor.id, username: ctx.actor.username },
      at: ctx.now.toISOString(),
    };
    const dueAt = dueAfter(c, { extensionLevel: level }, ctx.calendar);
    const facts = {
      ...ids(c),
      level,
      limitDays: extension.limitDays,
      previousDueAt: c.dueAt.toISOString(),
      dueAt: dueAt.toISOString(),
      customerNotifiedAt: extension.customerNotifiedAt,
      approvedBy: extension.approvedBy,
    };
    return { changes: { extensionLevel: level, extensions: [...c.extensions, extension], dueAt }, facts, details: { ...facts, reason: input.reason } };
  },
};

/** 暂停: outside appraisal / testing (not counted, Order No. 3); the deadline is frozen and moves by the paused days on resume. */
const pause: ActionSpec<PauseInput> = {
  input: PauseInput,
  event: COMPLAINT_EVENTS.paused,
  timeline: 'paused',
  effect(c, input, ctx) {
    const facts = { ...ids(c), pausedAt: ctx.now.toISOString(), dueAt: c.dueAt.toISOString() };
    return { changes: { pausedAt: ctx.now, pauseReason: input.reason }, facts, details: { ...facts, reason: input.reason } };
  },
};

const resume: ActionSpec<ResumeInput> = {
  input: ResumeInput,
  event: COMPLAINT_EVENTS.resumed,
  timeline: 'resumed',
  effect(c, _input, ctx) {
    const clock = endPause(c, ctx);
    const facts = {
      ...ids(c),
      pausedFrom: c.pausedAt!.toISOString(),
      // This pause's counted time (business-day time under business days).
      pausedMs: clock.pausedMs! - c.pausedMs,
      previousDueAt: c.dueAt.toISOString(),
      dueAt: clock.dueAt!.toISOString(),
    };
    return { changes: clock, facts, details: { ...facts, reason: c.pauseReason } };
  },
};

const markTypical: ActionSpec<MarkTypicalInput> = {
  input: MarkTypicalInput,
  event: COMPLAINT_EVENTS.markedTypical,
  timeline: 'marked-typical',
  effect(c, input) {
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    if (!tags.length) throw badRequest('Validation failed', [{ field: 'tags', message: 'tags must hold at least one non-blank tag' }]);
    const facts = { ...ids(c), tags, businessCategory: c.businessCategory, cause: c.cause };
    return { changes: {}, facts, details: { ...facts, rootCause: input.rootCause }, caseArchive: { rootCause: input.rootCause, lessons: input.lessons, tags } };
  },
};

/** One spec per action; the keys are the transition table's. */
export const ACTIONS: { [A in WorkflowAction]: ActionSpec<BaseInput> } = {
  assign,
  start,
  resolve,
  reply,
  close,
  reject,
  withdraw,
  reopen,
  extend,
  pause,
  resume,
  'mark-typical': markTypical,
} as { [A in WorkflowAction]: ActionSpec<BaseInput> };
