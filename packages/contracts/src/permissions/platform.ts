/**
 * Permissions of the platform's own resources (the gateway's users, org tree and audit
 * log). Login and health are public and `/auth/me` and the reference lists only need a
 * signed-in user: they are marked on their routes, not here.
 */
import { bankWide, consoleOnly, EVERY_ROLE, scoped, type ModulePermissions } from './rule.js';

export const PLATFORM_PERMISSIONS = {
  'org-units': {
    /** The API reads: every form's unit picker needs them, so every role, within its scope. */
    read: { roles: EVERY_ROLE, scoped: true },
    /** The org-tree page and its export (handlers only pick units in forms). */
    list: consoleOnly(scoped('admin', 'auditor')),
    show: consoleOnly(scoped('admin', 'handler', 'auditor')),
    export: consoleOnly(scoped('admin', 'auditor')),
    create: scoped('admin'),
    edit: scoped('admin'),
    delete: scoped('admin'),
  },
  users: {
    /** The API reads: handler pickers (分办) need them, so every role, within its scope. */
    read: { roles: EVERY_ROLE, scoped: true },
    list: consoleOnly(scoped('admin', 'auditor')),
    show: consoleOnly(scoped('admin', 'auditor')),
    export: consoleOnly(scoped('admin', 'auditor')),
    create: scoped('admin'),
    edit: scoped('admin'),
    /** The API deactivates; the console offers no delete (the audit log names users). */
    delete: scoped('admin'),
  },
  /**
   * Evidence files: anyone signed in may upload (the owning service then decides whether the
   * file may be attached to a record) and ask for a file; whoever may see the record it is
   * attached to gets it, everyone else 404: the owning service answers that per request.
   */
  files: {
    create: bankWide(...EVERY_ROLE),
    show: bankWide(...EVERY_ROLE),
    /** Removes unattached files now instead of waiting for the timer. */
    cleanup: bankWide('admin'),
  },
  'audit-log': {
    list: bankWide('admin', 'auditor'),
    show: bankWide('admin', 'auditor'),
    verify: bankWide('admin', 'auditor'),
  },
} as const satisfies ModulePermissions;
