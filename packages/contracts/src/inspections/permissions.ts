/**
 * Permissions of the inspections module 神秘人暗访: templates, visits, rectifications 整改 and
 * the analysis. Decorator-free: the gateway guard, the inspections service and the console read
 * these rows through `@xb/contracts/permissions`.
 *
 * Beyond the rows, the service enforces: an inspector at head office plans and logs visits
 * for every outlet (else for the outlets below the own unit); the outlet's own staff (any
 * reader who is not admin, inspector or auditor) see only reviewed visits and never the
 * inspector; a reviewer may not review a visit of their own.
 */
import { bankWide, consoleOnly, scoped, type ModulePermissions } from '../permissions/rule.js';

const readVisits = scoped('admin', 'inspector', 'auditor', 'handler');
const logVisits = scoped('admin', 'inspector');

export const INSPECTIONS_PERMISSIONS = {
  /** 检查模板: versioned checklists; admin manages them. */
  'inspection-templates': {
    list: bankWide('admin', 'inspector', 'auditor', 'handler'),
    show: bankWide('admin', 'inspector', 'auditor', 'handler'),
    create: bankWide('admin'),
    edit: bankWide('admin'),
    publish: bankWide('admin'),
  },
  /** 暗访检查. */
  inspections: {
    list: readVisits,
    show: readVisits,
    /** Plan a visit, start it, fill in answers, submit (also an unplanned visit in one call). */
    create: logVisits,
    log: logVisits,
    /** 审核: accept (opens rectifications) or return to the inspector. */
    review: scoped('admin'),
    /** Plan a re-inspection of the items still failing. */
    reinspect: logVisits,
    /** The quarterly plan generator. */
    plan: scoped('admin'),
    /** Who sees the inspector's identity and visits not yet reviewed. */
    'see-unreviewed': scoped('admin', 'inspector', 'auditor'),
  },
  /** 整改. */
  rectifications: {
    list: readVisits,
    show: readVisits,
    /** Submit the fix with note and evidence: the owning unit's handler. */
    fix: scoped('admin', 'handler'),
    verify: logVisits,
    reject: logVisits,
    /** Runs the overdue pass (flag and escalate) now, bank-wide as the timer does. */
    'run-overdue': bankWide('admin'),
  },
  /** 暗访分析 and the quarterly 通报. */
  'inspection-analysis': {
    list: readVisits,
    export: consoleOnly(readVisits),
  },
} as const satisfies ModulePermissions;
