import { describe, expect, it } from '@jest/globals';
import { ROLES } from '../common/roles.js';
import { WORKFLOW_ACTIONS } from '../complaints/codes.js';
import { mayDo, permissionEntries, permissionRule, PERMISSIONS, type PermissionAction } from './index.js';

describe('the permissions table', () => {
  it('names only known roles, at least one per row', () => {
    for (const { resource, action, rule } of permissionEntries()) {
      expect({ resource, action, empty: rule.roles.length === 0 }).toEqual({ resource, action, empty: false });
      for (const role of rule.roles) expect(ROLES).toContain(role);
    }
  });

  it('has a row for every complaint workflow action', () => {
    for (const action of WORKFLOW_ACTIONS) expect(permissionRule('complaints', action)).toBeDefined();
  });

  it('answers by role: auditors read complaints but neither work them nor reveal customer data', () => {
    expect(mayDo(['auditor'], 'complaints', 'list')).toBe(true);
    expect(mayDo(['auditor'], 'complaints', 'assign')).toBe(false);
    expect(mayDo(['auditor'], 'complaints', 'reveal')).toBe(false);
    expect(mayDo(['staff', 'handler'], 'complaints', 'resolve')).toBe(true);
    expect(mayDo(['handler'], 'complaints', 'extend-approve')).toBe(false);
    expect(mayDo(['admin'], 'complaints', 'extend-approve')).toBe(true);
  });

  it('refuses what it does not list: unknown resources, unknown actions, inherited object keys, no roles', () => {
    expect(mayDo(['admin'], 'nothing', 'list')).toBe(false);
    expect(mayDo(['admin'], 'complaints', 'teleport')).toBe(false);
    expect(mayDo(['admin'], 'complaints', 'constructor')).toBe(false);
    expect(mayDo(['admin'], 'toString', 'call')).toBe(false);
    expect(mayDo(undefined, 'complaints', 'list')).toBe(false);
    expect(mayDo([], 'case-archive', 'list')).toBe(false);
  });

  it('is typed: resources and their actions are checked at compile time', () => {
    const action: PermissionAction<'complaints'> = 'mark-typical';
    expect(PERMISSIONS.complaints[action].scoped).toBe(true);
    expect(PERMISSIONS['case-archive'].list.scoped).toBe(false);
  });
});
