import { WORKFLOW_ACTIONS, type Actor, type WorkflowAction } from '@xb/contracts';
import { whyMayNotWork } from '../complaint-scope.js';
import type { Complaint } from '../complaint.entity.js';
import { checkTransition } from './complaint-workflow.js';
import { ACTIONS } from './workflow-actions.js';

/**
 * The workflow actions `actor` may take on `c` now, in the table's order: the role from the
 * permissions table, placement and recusal (whyMayNotWork), the transition table, and the
 * action's own refusals (a second extension only by an admin, at most two). The same checks
 * `ComplaintWorkflowService.apply` makes before an action's input is looked at, so an action
 * listed here is refused only for its input or a concurrent change (409).
 */
export function availableActions(actor: Actor, c: Complaint): WorkflowAction[] {
  const paused = c.pausedAt !== null;
  return WORKFLOW_ACTIONS.filter(
    (action) => whyMayNotWork(actor, c, action) === undefined && checkTransition(action, c.status, paused).allowed && !ACTIONS[action].refusal?.(c, actor),
  );
}
