import type { Role } from '../types';

/**
 * What each role may do in the console, per resource and action. The console only hides
 * what a role may not use — the gateway and the services enforce every rule again.
 * Actions are react-admin's (list, show, create, edit, delete, export) plus our own
 * (`reveal` customer details of a complaint, `verify` the audit chain).
 */
type Matrix = Record<string, Record<string, readonly Role[]>>;

const READ_COMPLAINTS: readonly Role[] = ['admin', 'handler', 'auditor'];
/** Who works complaints (分办, 办结, 反馈, 回访, 延期 …); which one of them may act on a given complaint is scope (complaints/workflow.ts). */
const WORK_COMPLAINTS: readonly Role[] = ['admin', 'handler'];
const ALL_ROLES: readonly Role[] = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff'];

export const ACCESS: Matrix = {
  complaints: {
    list: READ_COMPLAINTS,
    show: READ_COMPLAINTS,
    export: READ_COMPLAINTS,
    create: WORK_COMPLAINTS,
    reveal: WORK_COMPLAINTS,
    assign: WORK_COMPLAINTS,
    start: WORK_COMPLAINTS,
    resolve: WORK_COMPLAINTS,
    reply: WORK_COMPLAINTS,
    close: WORK_COMPLAINTS,
    reject: WORK_COMPLAINTS,
    withdraw: WORK_COMPLAINTS,
    reopen: WORK_COMPLAINTS,
    extend: WORK_COMPLAINTS,
    // The second extension (to 60 days) needs a superior's approval: an admin of 消保办 extends it.
    'extend-approve': ['admin'],
    pause: WORK_COMPLAINTS,
    resume: WORK_COMPLAINTS,
    'mark-typical': WORK_COMPLAINTS,
    // Evidence files: upload and attach (reading follows `show`).
    attach: WORK_COMPLAINTS,
  },
  // 我的待办: complaints assigned to me, then my units' open ones.
  'complaint-queue': {
    list: WORK_COMPLAINTS,
    export: WORK_COMPLAINTS,
  },
  // 督办看板: overdue, escalated and soon-due complaints in scope.
  'complaint-supervision': {
    list: READ_COMPLAINTS,
    export: READ_COMPLAINTS,
  },
  // Pages that are not resources: 投诉分析, 季度通报, 批量导入 (list = may open the page).
  'complaint-analysis': {
    list: READ_COMPLAINTS,
  },
  'complaint-reports': {
    list: READ_COMPLAINTS,
  },
  'complaint-import': {
    list: WORK_COMPLAINTS,
    create: WORK_COMPLAINTS,
  },
  // 案例库: lessons learned, no customer data — every member of staff reads it.
  'case-archive': {
    list: ALL_ROLES,
    show: ALL_ROLES,
  },
  // Handlers pick units in forms (the pickers read the list directly) but have no org-tree page.
  'org-units': {
    list: ['admin', 'auditor'],
    show: ['admin', 'handler', 'auditor'],
    export: ['admin', 'auditor'],
    create: ['admin'],
    edit: ['admin'],
    delete: ['admin'],
  },
  // No delete: a user who leaves is deactivated, because the audit log names users.
  users: {
    list: ['admin', 'auditor'],
    show: ['admin', 'auditor'],
    export: ['admin', 'auditor'],
    create: ['admin'],
    edit: ['admin'],
  },
  'audit-log': {
    list: ['admin', 'auditor'],
    show: ['admin', 'auditor'],
    verify: ['admin', 'auditor'],
  },
};

export function canRole(roles: readonly Role[] | undefined, resource: string | undefined, action: string): boolean {
  if (!roles || !resource) return false;
  // `resource.field` checks (used by some inputs) inherit the resource's rule.
  const allowed = ACCESS[resource]?.[action] ?? ACCESS[resource.split('.')[0]]?.[action];
  return !!allowed && roles.some((role) => allowed.includes(role));
}
