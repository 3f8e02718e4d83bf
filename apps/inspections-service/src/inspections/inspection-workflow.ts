import type { InspectionAction, InspectionStatus } from '@xb/contracts/inspections';

/**
 * The visit workflow as data: which statuses each action leaves from and where it goes.
 * planned 已计划 → in_progress 检查中 → submitted 已提交 → reviewed 已审核 (accepted), or
 * returned 退回 to the inspector (who fixes the answers and submits again).
 */
export const INSPECTION_WORKFLOW: Record<InspectionAction, { from: readonly InspectionStatus[]; to: InspectionStatus | null; by: 'inspector' | 'reviewer' }> = {
  start: { from: ['planned'], to: 'in_progress', by: 'inspector' },
  save: { from: ['planned', 'in_progress', 'returned'], to: 'in_progress', by: 'inspector' },
  submit: { from: ['planned', 'in_progress', 'returned'], to: 'submitted', by: 'inspector' },
  accept: { from: ['submitted'], to: 'reviewed', by: 'reviewer' },
  return: { from: ['submitted'], to: 'returned', by: 'reviewer' },
  /** Plans a new visit for the items still failing; the reviewed visit stays as it is. */
  reinspect: { from: ['reviewed'], to: null, by: 'inspector' },
};

export const canLeave = (action: InspectionAction, status: InspectionStatus): boolean => INSPECTION_WORKFLOW[action].from.includes(status);
