/** One entry of the hash-chained audit log, as the API returns it. */
export interface AuditView {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  details: Record<string, unknown>;
  eventId: string | null;
  correlationId: string | null;
  hash: string;
  prevHash: string;
}

/** Filters of `GET /api/audit-log`. `action` matches as a prefix. */
export interface AuditFilter {
  actorUsername?: string;
  actorId?: string;
  action?: string;
  resource?: string;
  resourceId?: string;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  firstBrokenId?: string;
}
