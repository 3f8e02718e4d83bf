import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@xb/contracts';
import { addMonths, availableVersionActions, fullySignedOff, inAudience, requirementFor, signOffProgress, versionHash, type VersionFacts } from './version-rules.js';

const HO = '/h/';
const CPO = '/h/cpo/';
const who = (id: string, roles: Actor['roles'], orgPath: string) => ({ id, roles, orgPath });

describe('version rules', () => {
  it('hashes content, attachments (in id order) and plan; any change gives another hash', () => {
    const a = { fileId: 'b', name: '附件1.pdf', sha256: '1'.repeat(64) };
    const b = { fileId: 'a', name: '附件2.pdf', sha256: '2'.repeat(64) };
    const h = versionHash('第一条 内容', [a, b], null);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(versionHash('第一条 内容', [b, a], null)).toBe(h);
    expect(versionHash('第一条 内容。', [a, b], null)).not.toBe(h);
    expect(versionHash('第一条 内容', [a, { ...b, sha256: '3'.repeat(64) }], null)).not.toBe(h);
    expect(versionHash('第一条 内容', [a], null)).not.toBe(h);
  });

  it('counts sign-offs per requirement and says which one a reviewer fills', () => {
    const rule = [
      { role: 'admin' as const, count: 1, ownerDepartment: true },
      { role: 'auditor' as const, count: 1 },
    ];
    let lines = signOffProgress(rule, []);
    expect(fullySignedOff(lines)).toBe(false);
    // An admin outside the owning department fills nothing; one inside fills the department seat.
    expect(requirementFor(who('x', ['admin'], '/h/br/'), CPO, lines)).toBeUndefined();
    expect(requirementFor(who('y', ['admin'], CPO), CPO, lines)).toEqual({ role: 'admin', ownerDepartment: true });
    lines = signOffProgress(rule, [{ reviewerId: 'y', role: 'admin', ownerDepartment: true }]);
    expect(requirementFor(who('z', ['admin'], CPO), CPO, lines)).toBeUndefined();
    expect(requirementFor(who('a', ['auditor'], HO), CPO, lines)).toEqual({ role: 'auditor', ownerDepartment: false });
    lines = signOffProgress(rule, [
      { reviewerId: 'y', role: 'admin', ownerDepartment: true },
      { reviewerId: 'a', role: 'auditor', ownerDepartment: false },
    ]);
    expect(fullySignedOff(lines)).toBe(true);
  });

  it('offers actions by state, role and authorship: the author never approves', () => {
    const facts = (f: Partial<VersionFacts>): VersionFacts => ({
      status: 'in_review', authorId: 'author', requiresAck: true, inAudience: true, acknowledged: false, reviewed: false, canFillRequirement: true, ...f,
    });
    expect(availableVersionActions({ id: 'author', roles: ['admin'] }, facts({}))).toEqual([]);
    expect(availableVersionActions({ id: 'other', roles: ['admin'] }, facts({}))).toEqual(['approve', 'request_changes']);
    expect(availableVersionActions({ id: 'other', roles: ['admin'] }, facts({ reviewed: true }))).toEqual([]);
    expect(availableVersionActions({ id: 'aud', roles: ['auditor'] }, facts({ status: 'draft' }))).toEqual([]);
    expect(availableVersionActions({ id: 'adm', roles: ['admin'] }, facts({ status: 'draft' }))).toEqual(['edit', 'submit']);
    expect(availableVersionActions({ id: 's', roles: ['staff'] }, facts({ status: 'published' }))).toEqual(['acknowledge']);
    expect(availableVersionActions({ id: 's', roles: ['staff'] }, facts({ status: 'published', acknowledged: true }))).toEqual([]);
    expect(availableVersionActions({ id: 'a', roles: ['auditor'] }, facts({ status: 'published', inAudience: false }))).toEqual(['finding']);
    expect(availableVersionActions({ id: 'adm', roles: ['admin'] }, facts({ status: 'approved' }))).toEqual(['publish']);
  });

  it('tests audience membership by subtree and roles', () => {
    expect(inAudience('/h/br/sb/', ['staff'], ['/h/br/'], [])).toBe(true);
    expect(inAudience('/h/other/', ['staff'], ['/h/br/'], [])).toBe(false);
    expect(inAudience('/h/br/', ['staff'], ['/h/br/'], ['handler'])).toBe(false);
    expect(inAudience('/h/br/', ['staff', 'handler'], ['/h/br/'], ['handler'])).toBe(true);
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2025-06-15T08:00:00Z'), 12).toISOString()).toBe('2026-06-15T08:00:00.000Z');
  });
});
