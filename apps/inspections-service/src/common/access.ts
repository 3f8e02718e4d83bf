import { hasAnyRole, mayDo, permissionRule, scopePathOf, type Actor, type PermissionAction } from '@xb/contracts';
import type { INSPECTIONS_PERMISSIONS } from '@xb/contracts/inspections';
import { forbidden } from '@xb/service-kit';

type InspectionsResource = keyof typeof INSPECTIONS_PERMISSIONS;

/** The permissions table again in the service (the gateway is not the only guard). */
export function assertPermitted<R extends InspectionsResource>(actor: Actor, resource: R, action: PermissionAction<R>): void {
  if (!mayDo(actor.roles, resource, action)) {
    const roles = permissionRule(resource, action)?.roles ?? [];
    throw forbidden(`${action} on ${resource} needs one of the roles: ${roles.join(', ')}`);
  }
}

/**
 * The org path prefix the actor reaches in this module: the platform's scope, except that an
 * inspector sitting at head office (消保办) inspects every outlet of the bank.
 */
export function inspectionScope(actor: Actor): string {
  if (actor.roles.includes('inspector') && actor.atHeadOffice === true) return '/';
  return scopePathOf(actor);
}

/**
 * Whether the actor may see the inspector's identity and visits not yet reviewed. The outlet's
 * own staff may not (暗访 stays anonymous, and an unreviewed visit is not a finding yet).
 */
export function seesUnreviewed(actor: Actor): boolean {
  return hasAnyRole(actor, permissionRule('inspections', 'see-unreviewed')?.roles ?? []);
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
