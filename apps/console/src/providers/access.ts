import { mayDo } from '@xb/contracts/permissions';
import type { Role } from '../types';

/**
 * What a role may do in the console: THE permissions table of contracts
 * (`@xb/contracts/permissions`), the same rows the gateway guard and the services read.
 * Actions are react-admin's (list, show, create, edit, delete, export) plus our own
 * (`reveal` customer details, `verify` the audit chain); custom pages ask for `list`.
 * The console only hides: the gateway and the services enforce every rule again. Which
 * workflow buttons a complaint shows is not decided here but by its `availableActions`.
 */
export function canRole(roles: readonly Role[] | undefined, resource: string | undefined, action: string): boolean {
  if (!roles || !resource) return false;
  // `resource.field` checks (used by some inputs) inherit the resource's rule.
  return mayDo(roles, resource, action) || mayDo(roles, resource.split('.')[0], action);
}
