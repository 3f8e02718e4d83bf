/**
 * The shape of the permissions table. Decorator-free and import-free apart from the
 * role list, so the browser console reads the very same table at run time.
 */
import { ROLES, type Role } from '../common/roles.js';

/** Who may take one action on one resource. */
export interface PermissionRule {
  /** The roles allowed; any one of them suffices. */
  roles: readonly Role[];
  /**
   * Data scope applies: the caller reaches only records of its own org unit and the units
   * below it (admin and auditor at head office: everything); a record outside answers 404.
   */
  scoped: boolean;
  /**
   * A console-only rule (a menu entry, a page, an export) that no API route carries: the
   * API behind it is governed by another action of the same resource.
   */
  consoleOnly?: boolean;
}

/** One module's rows: resource → action → rule. */
export type ModulePermissions = Record<string, Record<string, PermissionRule>>;

/** Every role: for what every member of staff may do. */
export const EVERY_ROLE: readonly Role[] = ROLES;

/** A scoped rule for these roles. */
export const scoped = (...roles: Role[]): PermissionRule => ({ roles, scoped: true });
/** A bank-wide rule (no data scope) for these roles. */
export const bankWide = (...roles: Role[]): PermissionRule => ({ roles, scoped: false });
/** A console-only rule (menu entry, page, export) for these roles. */
export const consoleOnly = (rule: PermissionRule): PermissionRule => ({ ...rule, consoleOnly: true });
