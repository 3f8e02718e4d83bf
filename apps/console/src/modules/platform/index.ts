import type { ConsoleModule } from '../types';
import auditLog from './audit-log';
import { platformEnglish } from './messages-en';
import { platformChinese } from './messages-zh-cn';
import orgUnits from './org-units';
import users from './users';

/** Administration of the platform itself: the org tree, users and the audit log. */
export const platformModule: ConsoleModule = {
  name: 'platform',
  resources: [
    { name: 'org-units', ...orgUnits },
    { name: 'users', ...users },
    { name: 'audit-log', ...auditLog },
  ],
  menu: [{ resource: 'org-units' }, { resource: 'users' }, { resource: 'audit-log' }],
  routes: [],
  messages: { en: platformEnglish, 'zh-CN': platformChinese },
  auditLinks: {
    user: (id) => `/users/${encodeURIComponent(id)}/show`,
    'org-unit': (id) => `/org-units/${encodeURIComponent(id)}/show`,
  },
};
