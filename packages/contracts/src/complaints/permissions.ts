/**
 * Permissions of the complaints module 客户投诉: who may read, register and work complaints,
 * and the pages around them (queue, supervision board, analysis, quarterly report, bulk
 * import, case archive). Decorator-free: the gateway guard, the complaints service and the
 * console all read these rows through `@xb/contracts/permissions`.
 *
 * Whether a user may take a workflow action on ONE complaint also depends on its state,
 * scope and rules such as recusal 回避: the service decides that and sends the answer as
 * `availableActions` on each record.
 */
import { WORKFLOW_ACTIONS, type WorkflowAction } from './codes.js';
import { bankWide, consoleOnly, EVERY_ROLE, scoped, type ModulePermissions, type PermissionRule } from '../permissions/rule.js';

const read = scoped('admin', 'handler', 'auditor');
/** Who works complaints (分办, 办结, 反馈, 回访, 延期 …). */
const work = scoped('admin', 'handler');

const workflow = Object.fromEntries(WORKFLOW_ACTIONS.map((a) => [a, work])) as Record<WorkflowAction, PermissionRule>;

export const COMPLAINTS_PERMISSIONS = {
  complaints: {
    /** The list and the exact count; auditors read everything masked. */
    list: read,
    show: read,
    export: consoleOnly(read),
    /** 受理: for the caller's own unit and the units below it. */
    create: work,
    /** Clear customer name, phone and ID number (audited); auditors may not. */
    reveal: work,
    /** Attach an uploaded evidence file (on the timeline); reading them follows `show`. */
    attach: work,
    ...workflow,
    /** The second extension (to 60 days) needs a superior's approval: an admin of 消保办. */
    'extend-approve': scoped('admin'),
    /**
     * Acts on any complaint in scope; the other workers act only on complaints of their
     * handling or intake unit (or as the assigned handler).
     */
    'act-on-any': scoped('admin'),
  },
  /** 我的待办: complaints assigned to me, then my units' open ones. */
  'complaint-queue': {
    list: work,
    export: consoleOnly(work),
  },
  /** 督办看板: overdue, escalated and soon-due complaints in scope. */
  'complaint-supervision': {
    list: read,
    export: consoleOnly(read),
    /** Runs a supervision pass (reminders, overdue escalation) now, bank-wide as the timer does. */
    run: bankWide('admin'),
  },
  /** 投诉分析. */
  'complaint-analysis': { list: read },
  /** 季度通报. */
  'complaint-reports': { list: read },
  /** 批量导入: the page and template (list), the upload (create). */
  'complaint-import': { list: work, create: work },
  /** 案例库: lessons learned without customer data, bank-wide for every member of staff. */
  'case-archive': {
    list: bankWide(...EVERY_ROLE),
    show: bankWide(...EVERY_ROLE),
  },
} as const satisfies ModulePermissions;
