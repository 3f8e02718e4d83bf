import { hasAnyRole, isWithinPath, ROLES, scopePathOf, type Actor, type Role, type WorkflowAction } from '@xb/contracts';
import { forbidden, unauthorized } from '@xb/service-kit';

/**
 * Who may do what with complaints, enforced here whatever the gateway checked. Data
 * scope: a user sees its own unit and everything below (admin and auditor at head office
 * see all). A complaint is visible through its intake unit, its handling unit, or to its
 * assigned handler. Reads of a record outside scope answer 404, so existence never leaks.
 */
export const COMPLAINT_ROLES = {
  create: ['admin', 'handler'],
  read: ['admin', 'handler', 'auditor'],
  /** Auditors read everything masked but may not see clear PII. */
  revealPii: ['admin', 'handler'],
  /** Workflow actions (分办, 办结, 反馈, 回访, 延期 …). */
  work: ['admin', 'handler'],
  import: ['admin', 'handler'],
  queue: ['admin', 'handler'],
  supervisionBoard: ['admin', 'handler', 'auditor'],
  runSupervision: ['admin'],
  /** Lessons learned are for everyone: the archive carries no customer data. */
  readCaseArchive: ROLES,
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
  work: 'work on complaints',
  import: 'import complaints',
  queue: 'have a complaint queue',
  supervisionBoard: 'read the supervision board',
  runSupervision: 'run the supervision job',
  readCaseArchive: 'read the case archive',
};

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
  assertRole(actor, 'create');
  if (!isWithinPath(orgPath, complaintScope(actor))) throw forbidden('You may only register complaints for your own unit and the units below it');
}

/** Actions of the handling unit: its handler, or a handler whose subtree holds the handling unit. */
const HANDLING_ACTIONS: readonly WorkflowAction[] = ['start', 'resolve', 'reply', 'close', 'extend', 'pause', 'resume'];

/**
 * 403 unless the actor may take `action` on a complaint it can see. Admins act on anything
 * in their scope. A handler works a complaint when it is the assigned handler or its scope
 * holds the handling unit (before assignment: the intake unit); dispatching actions
 * (assign, reject, withdraw, reopen, mark-typical) are also open to the intake unit's
 * subtree, which accepted the complaint (首问负责).
 */
export function assertMayWork(actor: Actor, c: ComplaintPlacement, action: WorkflowAction): void {
  assertRole(actor, 'work');
  if (hasAnyRole(actor, ['admin'])) return;
  const scope = complaintScope(actor);
  const isAssignedHandler = c.assignedHandlerId === actor.id;
  const coversHandlingUnit = isWithinPath(c.assignedUnitPath ?? c.orgPath, scope);
  const coversIntakeUnit = isWithinPath(c.orgPath, scope);
  const allowed = HANDLING_ACTIONS.includes(action)
    ? isAssignedHandler || coversHandlingUnit
    : coversHandlingUnit || coversIntakeUnit || (isAssignedHandler && action !== 'assign');
  if (!allowed) {
    throw forbidden(
      HANDLING_ACTIONS.includes(action)
        ? 'Only the assigned handler or a handler of the handling unit (or a unit above it) may do this'
        : 'Only a handler of the intake or handling unit (or a unit above them) may do this',
    );
  }
}

/** 403 when a handler assigns to a unit outside its scope (admins assign anywhere in theirs). */
export function assertMayAssignTo(actor: Actor, unitPath: string): void {
  if (!isWithinPath(unitPath, complaintScope(actor))) throw forbidden('You may only assign complaints to units within your scope');
}

export function isAdmin(actor: Actor): boolean {
  return hasAnyRole(actor, ['admin']);
}

const UUID_RULE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Actor ids are stored in uuid columns (first responder, timeline); anything else is not a real user. */
export function assertActorIds(actor: Actor): void {
  if (!UUID_RULE.test(actor.id) || !UUID_RULE.test(actor.orgUnitId) || typeof actor.username !== 'string' || !actor.username) {
    throw unauthorized('Malformed acting user');
  }
}
