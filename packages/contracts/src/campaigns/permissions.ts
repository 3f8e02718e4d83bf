/**
 * Permissions of the campaigns module 宣传教育活动. Decorator-free: the gateway guard, the
 * campaigns service and the console read these rows through `@xb/contracts/permissions`.
 *
 * Whether a user may act on ONE activity also depends on its place: an outlet (or branch)
 * reports only for its own unit; only a unit above verifies, and only in its subtree. The
 * service decides that and sends the answer as `availableActions` on each record.
 */
import { bankWide, EVERY_ROLE, scoped, type ModulePermissions } from '../permissions/rule.js';

/** Who reads activities and totals of their scope; auditors read everything. */
const read = scoped('admin', 'staff', 'auditor');

export const CAMPAIGNS_PERMISSIONS = {
  /** 活动方案: every member of staff sees the campaigns they may report for; admins set them up. */
  campaigns: {
    list: bankWide(...EVERY_ROLE),
    show: bankWide(...EVERY_ROLE),
    create: scoped('admin'),
    /** `edit` (react-admin's name, so the console's Edit view and button are allowed): PUT /api/campaigns/:id. */
    edit: scoped('admin'),
    close: scoped('admin'),
  },
  /** 活动上报: reported by the outlet or branch for itself; verified by the unit above. */
  'campaign-activities': {
    list: read,
    show: read,
    create: scoped('admin', 'staff'),
    /** Edit a draft or returned report (PUT); react-admin's action name. */
    edit: scoped('admin', 'staff'),
    submit: scoped('admin', 'staff'),
    verify: scoped('admin'),
    return: scoped('admin'),
    unverify: scoped('admin'),
    /** Attach evidence files (photos, sign-in sheets) on upload. */
    attach: scoped('admin', 'staff'),
    /** Bulk import of a branch's spreadsheet; the template (list), the upload (create). */
    import: scoped('admin'),
  },
  /** 统计看板 and 总结报告: totals, progress, year on year, the regulator's summary. */
  'campaign-totals': {
    list: read,
    export: read,
  },
} as const satisfies ModulePermissions;
