import { canRole } from '../providers/access';
import {
  CLOCK_RUNNING_STATUSES,
  DONE_STATUSES,
  OPEN_STATUSES,
  type ComplaintStatus,
  type ComplaintView,
  type SessionUser,
  type WorkflowAction,
} from '../types';

/**
 * Which workflow actions a complaint offers, by its state and the user's role and scope.
 * This mirrors the service's transition table and scope rules only to decide which
 * buttons to show: the service checks everything again (409 for an illegal transition,
 * 403 out of scope), and the dialog shows what it says.
 */
interface Transition {
  from: readonly ComplaintStatus[];
  /** The clock must be running (pause) or paused (resume). */
  clock?: 'running' | 'paused';
}

export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  assign: { from: ['received', 'assigned', 'in_progress'] },
  start: { from: ['assigned'] },
  resolve: { from: ['in_progress'] },
  reply: { from: ['resolved'] },
  close: { from: ['replied'] },
  reject: { from: ['received', 'assigned'] },
  withdraw: { from: OPEN_STATUSES },
  reopen: { from: DONE_STATUSES },
  // Extensions stay possible while the clock runs: after the decision too, until the customer is informed.
  extend: { from: CLOCK_RUNNING_STATUSES },
  pause: { from: OPEN_STATUSES, clock: 'running' },
  resume: { from: OPEN_STATUSES, clock: 'paused' },
  'mark-typical': { from: DONE_STATUSES },
};

/** The order buttons appear in: the main path first, then the side paths. */
export const ACTION_ORDER: readonly WorkflowAction[] = [
  'assign',
  'start',
  'resolve',
  'reply',
  'close',
  'extend',
  'pause',
  'resume',
  'reopen',
  'mark-typical',
  'reject',
  'withdraw',
];

/** Steps of the main path (受理 → 分办 → 处理 → 办结 → 反馈 → 回访): shown as primary buttons. */
export const PRIMARY_ACTIONS: readonly WorkflowAction[] = ['assign', 'start', 'resolve', 'reply', 'close'];

/** Actions of the handling unit; the rest (分办, 不予受理, 撤诉, 二次投诉, 典型案例) are open to the intake unit too. */
const HANDLING_ACTIONS: readonly WorkflowAction[] = ['start', 'resolve', 'reply', 'close', 'extend', 'pause', 'resume'];

/** Days of the time limit: 15, 30 after one extension, 60 after the second (mirrors the service). */
export const MAX_EXTENSION_LEVEL = 2;

const within = (path: string | null | undefined, scope: string) => !!path && path.startsWith(scope);

export interface AvailableAction {
  action: WorkflowAction;
  /** Shown but disabled, with this message key as the reason. */
  disabledReason?: string;
}

type Complaint = Pick<
  ComplaintView,
  'status' | 'clockState' | 'pausedAt' | 'orgPath' | 'assignedUnitPath' | 'assignedHandlerId' | 'extensionLevel' | 'assignedUnitId'
>;

/** Whether the user's role and scope let it take `action` on this complaint (the service's assertMayWork). */
function mayWork(user: SessionUser, c: Complaint, action: WorkflowAction): boolean {
  if (!canRole(user.roles, 'complaints', action)) return false;
  if (user.roles.includes('admin')) return true;
  const isAssignedHandler = c.assignedHandlerId === user.id;
  const coversHandlingUnit = within(c.assignedUnitPath ?? c.orgPath, user.orgPath);
  const coversIntakeUnit = within(c.orgPath, user.orgPath);
  return HANDLING_ACTIONS.includes(action)
    ? isAssignedHandler || coversHandlingUnit
    : coversHandlingUnit || coversIntakeUnit || (isAssignedHandler && action !== 'assign');
}

export function isPaused(c: Pick<ComplaintView, 'clockState' | 'pausedAt'>): boolean {
  return c.clockState === 'paused' || !!c.pausedAt;
}

/** The actions to offer on this complaint to this user, in button order. */
export function availableActions(c: Complaint, user: SessionUser | null): AvailableAction[] {
  if (!user) return [];
  const paused = isPaused(c);
  const result: AvailableAction[] = [];
  for (const action of ACTION_ORDER) {
    const t = TRANSITIONS[action];
    if (!t.from.includes(c.status)) continue;
    if (t.clock === 'running' && paused) continue;
    if (t.clock === 'paused' && !paused) continue;
    if (!mayWork(user, c, action)) continue;
    if (action === 'extend') {
      const level = c.extensionLevel ?? 0;
      if (level >= MAX_EXTENSION_LEVEL) continue;
      if (level >= 1 && !canRole(user.roles, 'complaints', 'extend-approve')) {
        result.push({ action, disabledReason: 'xb.workflow.extend_needs_approval' });
        continue;
      }
    }
    result.push({ action });
  }
  return result;
}
