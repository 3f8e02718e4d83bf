import { describe, expect, it } from '@jest/globals';
import { hasAnyRole, scopePathOf, type Actor } from './actor.js';
import { normaliseRange } from './list.js';

const actor = (roles: Actor['roles'], orgPath: string, atHeadOffice?: boolean): Actor => ({ id: 'u', username: 'u', roles, orgUnitId: 'o', orgPath, atHeadOffice });

describe('data scope', () => {
  it('gives admin and auditor at head office (unit or department) the whole bank', () => {
    expect(scopePathOf(actor(['admin'], '/ho/'))).toBe('/');
    expect(scopePathOf(actor(['auditor'], '/ho/cpo/', true))).toBe('/');
  });

  it('limits everyone else to their own subtree', () => {
    expect(scopePathOf(actor(['admin'], '/ho/branch/'))).toBe('/ho/branch/');
    expect(scopePathOf(actor(['admin'], '/ho/branch/', false))).toBe('/ho/branch/');
    expect(scopePathOf(actor(['handler'], '/ho/cpo/', true))).toBe('/ho/cpo/');
    expect(scopePathOf(actor(['staff', 'trainer'], '/ho/'))).toBe('/ho/');
  });

  it('checks roles', () => {
    expect(hasAnyRole(actor(['staff', 'handler'], '/x/'), ['handler'])).toBe(true);
    expect(hasAnyRole(actor(['staff'], '/x/'), ['admin', 'handler'])).toBe(false);
  });
});

describe('list ranges', () => {
  it('orders, clamps and caps ranges', () => {
    expect(normaliseRange(undefined)).toEqual([0, 24]);
    expect(normaliseRange([10, 5])).toEqual([10, 10]);
    expect(normaliseRange([-3, 2])).toEqual([0, 2]);
    expect(normaliseRange([0, 10_000])).toEqual([0, 999]);
  });
});
