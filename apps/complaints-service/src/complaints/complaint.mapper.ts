import type { Actor, ComplaintTimelineEntryView, ComplaintView } from '@xb/contracts';
import { limitDaysFor, readClock } from '../time-limits/time-limits.js';
import type { ComplaintTimelineEntry } from './complaint-timeline.entity.js';
import type { Complaint } from './complaint.entity.js';
import type { ComplaintLinks } from './complaints.repository.js';
import { availableActions } from './workflow/available-actions.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const NO_LINKS: ComplaintLinks = { repeats: [], typical: false };

/** The acting "user" of what the supervision job records (督办): not a person. */
export const SYSTEM_ACTOR = { id: '00000000-0000-0000-0000-000000000000', username: 'system' } as const;

/**
 * When the clock stopped, for a complaint whose clock no longer runs: the moment the
 * customer was informed of the decision (反馈 `informedAt`, stored as `repliedAt`) — not
 * the decision (办结) — or the rejection / withdrawal.
 */
export function stoppedAt(c: Complaint): Date | null {
  return c.repliedAt ?? c.rejectedAt ?? c.withdrawnAt ?? c.closedAt ?? null;
}

/** Entity → the wire view for `actor` (its `availableActions`). PII only ever leaves in its masked form here. */
export function toComplaintView(c: Complaint, actor: Actor, now = new Date(), links: ComplaintLinks = NO_LINKS): ComplaintView {
  const clock = readClock({ status: c.status, dueAt: c.dueAt, pausedAt: c.pausedAt, stoppedAt: stoppedAt(c) ?? c.updatedAt }, now);
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    channel: c.channel,
    businessCategory: c.businessCategory,
    cause: c.cause,
    severity: c.severity,
    orgUnitId: c.orgUnitId,
    orgUnitName: c.orgUnitName,
    orgPath: c.orgPath,
    receivedAt: c.receivedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    ...clock,
    customerName: c.customerNameMasked,
    customerPhone: c.customerPhoneMasked,
    customerIdNumber: c.customerIdNumberMasked,
    description: c.description,
    demand: c.demand,
    externalRef: c.externalRef,
    namedStaffUserIds: c.namedStaffUserIds,
    firstResponder: { id: c.firstResponderId, username: c.firstResponderUsername },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
    assignedUnitId: c.assignedUnitId,
    assignedUnitName: c.assignedUnitName,
    assignedUnitPath: c.assignedUnitPath,
    assignedHandlerId: c.assignedHandlerId,
    assignedHandlerUsername: c.assignedHandlerUsername,
    assignedAt: iso(c.assignedAt),
    startedAt: iso(c.startedAt),
    outcome: c.outcome,
    resolution: c.resolution,
    compensationAmount: c.compensationAmount,
    resolvedAt: iso(c.resolvedAt),
    replyMethod: c.replyMethod,
    repliedAt: iso(c.repliedAt),
    satisfaction: c.satisfaction,
    disputesOutcome: c.disputesOutcome,
    closedAt: iso(c.closedAt),
    rejectionReason: c.rejectionReason,
    rejectedAt: iso(c.rejectedAt),
    withdrawalReason: c.withdrawalReason,
    withdrawnAt: iso(c.withdrawnAt),
    clockStartedAt: c.clockStartedAt.toISOString(),
    dayCounting: c.dayCounting,
    timeLimitDays: limitDaysFor(c.extensionLevel),
    extensionLevel: c.extensionLevel,
    extensions: c.extensions,
    pausedAt: iso(c.pausedAt),
    pauseReason: c.pauseReason,
    pausedMs: c.pausedMs,
    reportBackDueAt: iso(c.reportBackDueAt),
    escalation:
      c.escalatedAt && c.escalatedToUnitId && c.escalatedToUnitPath
        ? { at: c.escalatedAt.toISOString(), toUnitId: c.escalatedToUnitId, toUnitPath: c.escalatedToUnitPath, overdueSince: (c.overdueAt ?? c.dueAt).toISOString() }
        : null,
    reopenCount: c.reopenCount,
    repeatOfId: c.repeatOfId,
    repeats: links.repeats,
    typical: links.typical,
    availableActions: availableActions(actor, c),
  };
}

export function toTimelineView(e: ComplaintTimelineEntry): ComplaintTimelineEntryView {
  return {
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actorId === SYSTEM_ACTOR.id ? null : { id: e.actorId, username: e.actorUsername },
    at: e.occurredAt.toISOString(),
    note: e.note,
    data: e.details,
  };
}
