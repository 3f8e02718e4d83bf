import type { ComplaintView } from '@xb/contracts';
import { readClock } from '../time-limits/time-limits.js';
import type { Complaint } from './complaint.entity.js';

/** Entity → the wire view. PII only ever leaves in its masked form here. */
export function toComplaintView(c: Complaint, now = new Date()): ComplaintView {
  // Rejected and withdrawn complaints have no timestamp of their own: the last update stopped the clock.
  const stoppedAt = c.resolvedAt ?? c.closedAt ?? c.updatedAt;
  const clock = readClock({ status: c.status, dueAt: c.dueAt, pausedAt: c.pausedAt, stoppedAt }, now);
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
  };
}
