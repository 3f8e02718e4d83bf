import type { PermissionResource } from '@xb/contracts/permissions';
import type { ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';

/**
 * An entry of the menu: a resource's list, or a custom page shown when the table lets the
 * user `action` (default `list`) its resource. Resources are the permissions table's: a typo fails to compile.
 */
export type MenuEntry = { resource: PermissionResource } | { page: string; resource: PermissionResource; action?: string; label: string; icon: ComponentType };

/** A page outside react-admin's resources (analysis, reports, import …); `lazy` ones load when first opened. */
export interface ModuleRoute {
  path: string;
  component: ComponentType;
}

/**
 * One business module of the console: its resources, menu entries (in working order),
 * custom routes and strings in both languages. App.tsx, the menu and i18n loop over
 * MODULES (modules/index.ts); what each role sees comes from the permissions table.
 */
export interface ConsoleModule {
  name: string;
  resources: (ResourceProps & { name: PermissionResource })[];
  menu: MenuEntry[];
  routes: ModuleRoute[];
  messages: { en: object; 'zh-CN': object };
  /**
   * Audit-log entries about this module's records link to them: the entry's `resource`
   * (the event's aggregate type, e.g. `complaint`) → the console path of record `id`.
   * Action names are translated under `xb.audit.actions.<action with . and - as _>` in the
   * module's messages.
   */
  auditLinks?: Record<string, (id: string) => string>;
}
