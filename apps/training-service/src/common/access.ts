import { isWithinPath, mayDo, permissionRule, scopePathOf, type Actor, type PermissionAction, type PermissionResource } from '@xb/contracts';
import { badRequest, forbidden, unauthorized } from '@xb/service-kit';

/**
 * Who may do what in the training module, enforced here whatever the gateway checked: roles
 * from the one permissions table, data scope by materialised org path (a unit and all below).
 */
export type TrainingResource = Extract<PermissionResource, 'questions' | 'exams' | 'exam-results' | 'attempts' | 'training-sessions' | 'training-hours' | 'training-my'>;

export function assertPermitted<R extends TrainingResource>(actor: Actor, resource: R, action: PermissionAction<R>): void {
  if (!mayDo(actor.roles, resource, action)) {
    throw forbidden(`${action} on ${resource} needs one of the roles: ${(permissionRule(resource, action)?.roles ?? []).join(', ')}`);
  }
}

export const may = <R extends TrainingResource>(actor: Actor, resource: R, action: PermissionAction<R>): boolean => mayDo(actor.roles, resource, action);

/**
 * The org path prefix an actor reaches in training: the platform's scope (admin and auditor at
 * head office: everything; others their unit's subtree), except that a trainer at head office
 * (消保办 or another head-office department) trains the whole bank, so reaches everything too.
 */
export const scopeOf = (actor: Actor): string => (actor.atHeadOffice === true && actor.roles.includes('trainer') ? '/' : scopePathOf(actor));

export const inScope = (actor: Actor, orgPath: string): boolean => isWithinPath(orgPath, scopeOf(actor));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The acting user's ids go into uuid columns; anything else is not a real user. */
export function assertActor(actor: Actor): void {
  if (!UUID.test(actor.id) || !UUID.test(actor.orgUnitId) || !actor.username) throw unauthorized('Malformed acting user');
}

/** `{ id }` of a request, a UUID, else 400 naming the field. */
export function idOf(data: unknown, field = 'id'): string {
  const id = (data as Record<string, unknown> | null)?.[field];
  if (typeof id !== 'string' || !UUID.test(id)) throw badRequest('Validation failed', [{ field, message: `${field} must be a UUID` }]);
  return id;
}

/**
 * Whether a user (org path, roles) is in an audience: under one of the audience units (their
 * paths, resolved from the directory replica) when any are given, and holding one of the
 * audience roles when any are given.
 */
export function inAudience(user: { orgPath: string; roles: readonly string[] }, audienceUnitPaths: readonly string[], audienceRoles: readonly string[]): boolean {
  const unitOk = audienceUnitPaths.length === 0 || audienceUnitPaths.some((p) => isWithinPath(user.orgPath, p));
  const roleOk = audienceRoles.length === 0 || audienceRoles.some((r) => user.roles.includes(r));
  return unitOk && roleOk;
}
