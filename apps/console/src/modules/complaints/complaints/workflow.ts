import type { WorkflowAction } from '../../../types';

/**
 * Presentation of the workflow buttons only. WHICH actions a complaint offers is the
 * service's answer (`availableActions` on each record); the console derives nothing.
 */

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

/** Side paths that end or refuse the case: shown in the warning colour. */
export const DANGER_ACTIONS: readonly WorkflowAction[] = ['reject', 'withdraw'];

/** The actions the server offers on this record, in button order. */
export function orderedActions(available: readonly WorkflowAction[] | undefined): WorkflowAction[] {
  return ACTION_ORDER.filter((a) => available?.includes(a));
}
