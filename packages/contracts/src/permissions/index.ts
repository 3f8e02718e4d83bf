/**
 * THE permissions table: resource × action → roles, and whether data scope applies. The
 * gateway's route guard (`@Permission(resource, action)`), each service's own checks and
 * the console's menus and buttons read it; nothing else lists roles.
 *
 * Each module keeps its rows in its own file; adding a module is one line in MODULES.
 * Decorator-free (`@xb/contracts/permissions`), so the browser imports it too.
 */
import { CAMPAIGNS_PERMISSIONS } from '../campaigns/permissions.js';
import { COMPLAINTS_PERMISSIONS } from '../complaints/permissions.js';
import { POLICIES_PERMISSIONS } from '../policies/permissions.js';
import { INSPECTIONS_PERMISSIONS } from '../inspections/permissions.js';
import type { Role } from '../common/roles.js';
import { PLATFORM_PERMISSIONS } from './platform.js';
import { TRAINING_PERMISSIONS } from '../training/permissions.js';
import type { ModulePermissions, PermissionRule } from './rule.js';

export * from './rule.js';

const MODULES = [
  PLATFORM_PERMISSIONS,
  COMPLAINTS_PERMISSIONS,
  POLICIES_PERMISSIONS,
  TRAINING_PERMISSIONS,
  INSPECTIONS_PERMISSIONS,
  CAMPAIGNS_PERMISSIONS,
  // Add a module's rows here: one object per module, e.g. POLICIES_PERMISSIONS.
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Table = UnionToIntersection<(typeof MODULES)[number]>;

/** The modules' rows merged; two modules claiming one resource is a programming error, caught at load. */
function merge(modules: readonly ModulePermissions[]): Table {
  const table: ModulePermissions = {};
  for (const rows of modules) {
    for (const [resource, actions] of Object.entries(rows)) {
      if (Object.hasOwn(table, resource)) throw new Error(`permissions: resource "${resource}" is defined by two modules`);
      table[resource] = actions;
    }
  }
  return table as Table;
}

export const PERMISSIONS: Table = merge(MODULES);

export type PermissionResource = keyof Table & string;
export type PermissionAction<R extends PermissionResource> = keyof Table[R] & string;

/** Every (resource, action) pair of the table, for generated tests and documentation. */
export function permissionEntries(): { resource: string; action: string; rule: PermissionRule }[] {
  return Object.entries(PERMISSIONS as Record<string, Record<string, PermissionRule>>).flatMap(([resource, actions]) =>
    Object.entries(actions).map(([action, rule]) => ({ resource, action, rule })),
  );
}

/** The rule of (resource, action), or undefined when the table has no such row. */
export function permissionRule(resource: string, action: string): PermissionRule | undefined {
  const actions = (PERMISSIONS as Record<string, Record<string, PermissionRule> | undefined>)[resource];
  return actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
}

/** Whether a user holding `roles` may take `action` on `resource` (scope aside). Unknown rows: no. */
export function mayDo(roles: readonly Role[] | undefined, resource: string, action: string): boolean {
  const rule = permissionRule(resource, action);
  return !!rule && !!roles && roles.some((r) => rule.roles.includes(r));
}
