import { BANK_WIDE_ROLES, type Role } from './roles.js';

/**
 * The acting user, carried in every NATS message so that each service enforces
 * role and data scope itself (the gateway is not the only guard).
 */
export interface Actor {
  id: string;
  username: string;
  roles: Role[];
  orgUnitId: string;
  /** Materialised path of the actor's org unit, e.g. `/<headId>/<branchId>/`. */
  orgPath: string;
  /** The actor works at head office: the head-office unit itself or one of its departments (消保办, 合规部 …). */
  atHeadOffice?: boolean;
}

/** Every request-reply message: the actor plus the command or query. */
export interface RpcEnvelope<T = unknown> {
  actor: Actor;
  data: T;
  /** The HTTP `Idempotency-Key` of a creating call, when the client sent one. */
  idempotencyKey?: string;
}

/** True when `path` is the actor's unit or lies below it. */
export function isWithinPath(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/**
 * The org path an actor may see: `/` (everything) for admin and auditor at head office,
 * otherwise the actor's own unit and everything below it.
 */
export function scopePathOf(actor: Actor): string {
  const bankWide = actor.roles.some((r) => BANK_WIDE_ROLES.includes(r));
  const atRoot = actor.atHeadOffice === true || actor.orgPath.split('/').filter(Boolean).length <= 1;
  return bankWide && atRoot ? '/' : actor.orgPath;
}

export function hasAnyRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
