import { isWithinPath, mayDo, permissionRule, scopePathOf, type Actor, type PermissionAction, type PermissionResource, type WorkflowAction } from '@xb/contracts';
import { forbidden, unauthorized } from '@xb/service-kit';

/**
 * Who may do what with complaints, enforced here whatever the gateway checked. Roles come
 * from the one permissions table (`@xb/contracts/permissions`); data scope: a user sees its
 * own unit and everything below (admin and auditor at head office see all). A complaint is
 * visible through its intake unit, its handling unit, or to its assigned handler. Reads of a
 * record outside scope answer 404, so existence never leaks.
 */

/** The resources of the complaints module in the permissions table. */
export type ComplaintsResource = Extract<PermissionResource, 'complaints' | 'complaint-queue' | 'complaint-supervision' | 'complaint-analysis' | 'complaint-reports' | 'complaint-import' | 'case-archive'>;

/** 403 unless the actor holds a role the permissions table allows for `action` on `resource`. */
export function assertPermitted<R extends ComplaintsResource>(actor: Actor, resource: R, action: PermissionAction<R>): void {
  if (!mayDo(actor.roles, resource, action)) {
    const roles = permissionRule(resource, action)?.roles ?? [];
    throw forbidden(`${action} on ${resource} needs one of the roles: ${roles.join(', ')}`);
  }
}

/** The org path prefix the actor may see and act on. */
export function complaintScope(actor: Actor): string {
  return scopePathOf(actor);
}

/** Where a complaint sits: its intake unit, handling unit and handler (visibility and who may work it). */
export interface ComplaintPlacement {
  orgPath: string;
  assignedUnitPath: string | null;
  assignedHandlerId: string | null;
}

/** Visibility for queries: the scope prefix, and the actor as a possible assigned handler. */
export interface Visibility {
  scope: string;
  actorId: string;
}

export function visibilityOf(actor: Actor): Visibility {
  return { scope: complaintScope(actor), actorId: actor.id };
}

/** 403 when the actor registers a complaint for a unit outside its scope. */
export function assertCanCreateFor(actor: Actor, orgPath: string): void {
  assertPermitted(actor, 'complaints', 'create');
  if (!isWithinPath(orgPath, complaintScope(actor))) throw forbidden('You may only register complaints for your own unit and the units below it');
}

/** Actions of the handling unit: its handler, or a handler whose subtree holds the handling unit. */
const HANDLING_ACTIONS: readonly WorkflowAction[] = ['start', 'resolve', 'reply', 'close', 'extend', 'pause', 'resume'];

/** Where a complaint sits and who it names: enough to decide who may work it. */
export interface WorkPlacement extends ComplaintPlacement {
  /** Staff named in the complaint (回避: they may not handle it). */
  namedStaffUserIds: readonly string[];
}

/**
 * Whether the actor may take `action` on a complaint it can see, by role and placement
 * (state aside: that is the transition table). Undefined when allowed, else why not.
 * - the role: the action's row of the permissions table;
 * - recusal 回避: staff named in the complaint take no action on it;
 * - `act-on-any` (admins) act on anything in their scope; other workers act when they are
 *   the assigned handler or their scope holds the handling unit (before assignment: the
 *   intake unit); dispatching actions (assign, reject, withdraw, reopen, mark-typical) are
 *   also open to the intake unit's subtree, which accepted the complaint (首问负责).
 */
export function whyMayNotWork(actor: Actor, c: WorkPlacement, action: WorkflowAction): string | undefined {
  if (!mayDo(actor.roles, 'complaints', action)) return `${action} on complaints needs one of the roles: ${permissionRule('complaints', action)!.roles.join(', ')}`;
  if (c.namedStaffUserIds.includes(actor.id)) return '回避: the complaint names you, so you may not act on it';
  if (mayDo(actor.roles, 'complaints', 'act-on-any')) return undefined;
  const scope = complaintScope(actor);
  const isAssignedHandler = c.assignedHandlerId === actor.id;
  const coversHandlingUnit = isWithinPath(c.assignedUnitPath ?? c.orgPath, scope);
  const coversIntakeUnit = isWithinPath(c.orgPath, scope);
  const handling = HANDLING_ACTIONS.includes(action);
  const allowed = handling ? isAssignedHandler || coversHandlingUnit : coversHandlingUnit || coversIntakeUnit || (isAssignedHandler && action !== 'assign');
  if (allowed) return undefined;
  return handling
    ? 'Only the assigned handler or a handler of the handling unit (or a unit above it) may do this'
    : 'Only a handler of the intake or handling unit (or a unit above them) may do this';
}

/** 403 unless the actor may take `action` on this complaint (see whyMayNotWork). */
export function assertMayWork(actor: Actor, c: WorkPlacement, action: WorkflowAction): void {
  const reason = whyMayNotWork(actor, c, action);
  if (reason) throw forbidden(reason);
}

/** 403 when a handler assigns to a unit outside its scope (admins assign anywhere in theirs). */
export function assertMayAssignTo(actor: Actor, unitPath: string): void {
  if (!isWithinPath(unitPath, complaintScope(actor))) throw forbidden('You may only assign complaints to units within your scope');
}

const UUID_RULE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Actor ids are stored in uuid columns (first responder, timeline); anything else is not a real user. */
export function assertActorIds(actor: Actor): void {
  if (!UUID_RULE.test(actor.id) || !UUID_RULE.test(actor.orgUnitId) || typeof actor.username !== 'string' || !actor.username) {
    throw unauthorized('Malformed acting user');
  }
}
