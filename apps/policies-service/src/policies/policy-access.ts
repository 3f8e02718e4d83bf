import { hasAnyRole, mayDo, permissionRule, type Actor, type PermissionAction, type PermissionResource } from '@xb/contracts';
import { forbidden } from '@xb/service-kit';

/** The resources of the policies module in the permissions table. */
export type PoliciesResource = Extract<PermissionResource, 'policy-documents' | 'policy-versions' | 'policy-acknowledgements' | 'policy-review-board' | 'drills' | 'incidents'>;

/** 403 unless the actor holds a role the permissions table allows (enforced here whatever the gateway checked). */
export function assertPermitted<R extends PoliciesResource>(actor: Actor, resource: R, action: PermissionAction<R>): void {
  if (!mayDo(actor.roles, resource, action)) {
    const roles = permissionRule(resource, action)?.roles ?? [];
    throw forbidden(`${action} on ${resource} needs one of the roles: ${roles.join(', ')}`);
  }
}

/** Admins and auditors read every document and version; everyone else only published versions of documents whose audience holds them. */
export const isOverseer = (actor: Actor): boolean => hasAnyRole(actor, ['admin', 'auditor']);
