/**
 * The complaint state machine — THE table of allowed transitions. Every workflow action
 * is looked up here and nowhere else decides whether an action may happen in a state;
 * `ComplaintWorkflowService.apply` is the one place that applies it.
 *
 *   received ──assign──▶ assigned ──start──▶ in_progress ──resolve──▶ resolved ──reply──▶ replied ──close──▶ closed
 *      │  ▲                 │  ▲ (reassign)      │ (reassign → assigned)     │                 │                │
 *      │  └──── reject ─────┘  └────────────────┘                          └──── reopen (二次投诉) → assigned ──┘
 *      └─ withdraw from received / assigned / in_progress
 *
 * The clock (decide AND inform the customer, CBIRC 2020 Order No. 3) stops at `reply`
 * (反馈), not at `resolve`: a resolved complaint can still be extended.
 *
 * Actions that keep the status (extend, pause, resume, mark-typical) are in the table too,
 * with a guard on the clock where it matters (pause only a running clock, resume only a
 * paused one).
 */
import { CLOCK_RUNNING_STATUSES, PRE_DECISION_STATUSES, type ComplaintStatus, type WorkflowAction } from '@xb/contracts';

/**
 * Before the decision (办结): withdraw, pause/resume for outside appraisal and reassignment
 * only make sense while the case is still being handled. Once decided, only telling the
 * customer (reply) is left, and the clock keeps running for that (CLOCK_RUNNING_STATUSES).
 */
export const PRE_DECISION: readonly ComplaintStatus[] = PRE_DECISION_STATUSES;
/**
 * The time limit (decide AND inform) still runs: an extension (延期) may still be needed
 * after the decision, while the customer has not yet been told (CBIRC 2020 Order No. 3).
 */
export const CLOCK_RUNNING: readonly ComplaintStatus[] = CLOCK_RUNNING_STATUSES;
const DONE: readonly ComplaintStatus[] = ['resolved', 'replied', 'closed'];

export type ClockGuard = 'running' | 'paused';

export interface Transition {
  from: readonly ComplaintStatus[];
  /** The status after the action; `null` keeps it. */
  to: ComplaintStatus | null;
  /** The clock must be in this state (a paused clock cannot be paused again …). */
  clock?: ClockGuard;
}

export const TRANSITIONS = {
  assign: { from: PRE_DECISION, to: 'assigned' }, // (re)assignment only while the case is still being handled
  start: { from: ['assigned'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  reply: { from: ['resolved'], to: 'replied' },
  close: { from: ['replied'], to: 'closed' },
  reject: { from: ['received', 'assigned'], to: 'rejected' },
  withdraw: { from: PRE_DECISION, to: 'withdrawn' },
  reopen: { from: DONE, to: 'assigned' },
  extend: { from: CLOCK_RUNNING, to: null },
  // Outside appraisal/testing happens while deciding; after the decision nothing is appraised.
  pause: { from: PRE_DECISION, to: null, clock: 'running' },
  resume: { from: PRE_DECISION, to: null, clock: 'paused' },
  'mark-typical': { from: DONE, to: null },
} as const satisfies Record<WorkflowAction, Transition>;

export type TransitionCheck =
  | { allowed: true; to: ComplaintStatus }
  | { allowed: false; reason: string };

/** Whether `action` may happen to a complaint in `status` (clock paused or not), and the status it leads to. */
export function checkTransition(action: WorkflowAction, status: ComplaintStatus, paused: boolean): TransitionCheck {
  const t: Transition = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { allowed: false, reason: `A complaint that is ${status} cannot be ${PAST[action]} (allowed from: ${t.from.join(', ')})` };
  }
  if (t.clock === 'running' && paused) return { allowed: false, reason: `The clock of this ${status} complaint is already paused` };
  if (t.clock === 'paused' && !paused) return { allowed: false, reason: `The clock of this ${status} complaint is not paused` };
  return { allowed: true, to: t.to ?? status };
}

/** Every (action, status) pair the table allows: for documentation and tests. */
export function allowedPairs(): [WorkflowAction, ComplaintStatus][] {
  return (Object.entries(TRANSITIONS) as [WorkflowAction, Transition][]).flatMap(([action, t]) => t.from.map((s): [WorkflowAction, ComplaintStatus] => [action, s]));
}

const PAST: Record<WorkflowAction, string> = {
  assign: 'assigned',
  start: 'started',
  resolve: 'resolved',
  reply: 'replied to',
  close: 'closed',
  reject: 'rejected',
  withdraw: 'withdrawn',
  reopen: 'reopened',
  extend: 'extended',
  pause: 'paused',
  resume: 'resumed',
  'mark-typical': 'marked typical',
};
