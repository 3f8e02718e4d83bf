import type { ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';

/** An entry of the menu: a resource's list, or a custom page shown when the table lets the user `list` its resource. */
export type MenuEntry = { resource: string } | { page: string; resource: string; label: string; icon: ComponentType };

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
  resources: ResourceProps[];
  menu: MenuEntry[];
  routes: ModuleRoute[];
  messages: { en: object; 'zh-CN': object };
}
