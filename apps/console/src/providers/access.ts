import type { Role } from '../types';

/**
 * What each role may do in the console, per resource and action. The console only hides
 * what a role may not use — the gateway and the services enforce every rule again.
 * Actions are react-admin's (list, show, create, edit, delete, export) plus our own
 * (`reveal` customer details of a complaint, `verify` the audit chain).
 */
type Matrix = Record<string, Record<string, readonly Role[]>>;

const READ_COMPLAINTS: readonly Role[] = ['admin', 'handler', 'auditor'];

export const ACCESS: Matrix = {
  complaints: {
    list: READ_COMPLAINTS,
    show: READ_COMPLAINTS,
    export: READ_COMPLAINTS,
    create: ['admin', 'handler'],
    reveal: ['admin', 'handler'],
  },
  'org-units': {
    list: ['admin', 'handler', 'auditor'],
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
