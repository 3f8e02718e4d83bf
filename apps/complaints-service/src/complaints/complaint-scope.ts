import { hasAnyRole, isWithinPath, scopePathOf, type Actor, type Role } from '@xb/contracts';
import { forbidden } from '@xb/service-kit';

/**
 * Who may do what with complaints, enforced here whatever the gateway checked. Data
 * scope: a user sees its own unit and everything below (admin and auditor at head office
 * see all). Reads of a record outside scope answer 404, so existence never leaks.
 */
export const COMPLAINT_ROLES = {
  create: ['admin', 'handler'],
  read: ['admin', 'handler', 'auditor'],
  /** Auditors read everything masked but may not see clear PII. */
  revealPii: ['admin', 'handler'],
} as const satisfies Record<string, readonly Role[]>;

export type ComplaintAction = keyof typeof COMPLAINT_ROLES;

/** 403 unless the actor holds a role allowed to do `action`. */
export function assertRole(actor: Actor, action: ComplaintAction): void {
  if (!hasAnyRole(actor, COMPLAINT_ROLES[action])) throw forbidden(`Your roles may not ${describe[action]}`);
}

const describe: Record<ComplaintAction, string> = {
  create: 'register complaints',
  read: 'read complaints',
  revealPii: 'reveal customer personal information',
};

/** The org path prefix the actor may see and act on. */
export function complaintScope(actor: Actor): string {
  return scopePathOf(actor);
}

/** 403 when the actor registers a complaint for a unit outside its scope. */
export function assertCanCreateFor(actor: Actor, orgPath: string): void {
  assertRole(actor, 'create');
  if (!isWithinPath(orgPath, complaintScope(actor))) throw forbidden('You may only register complaints for your own unit and the units below it');
}
