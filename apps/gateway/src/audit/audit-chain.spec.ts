import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chainHash, GENESIS_HASH, type AuditContent } from './audit-chain.js';

const content: AuditContent = {
  at: '2026-11-22T01:02:03.004Z',
  actorId: 'u1',
  actorUsername: 'admin',
  action: 'users.user.created',
  resource: 'user',
  resourceId: 'u2',
  details: { roles: ['staff'], nested: { b: 2, a: 1 } },
  eventId: null,
};

describe('audit hash chain', () => {
  it('canonicalises key order at every level (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same hash for the same content whatever the key order', () => {
    const reordered = { ...content, details: { nested: { a: 1, b: 2 }, roles: ['staff'] } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, content));
  });

  it('changes when the content or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, content);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...content, action: 'users.user.deleted' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...content, details: { roles: ['admin'], nested: { a: 1, b: 2 } } })).not.toBe(base);
    expect(chainHash('f'.repeat(64), content)).not.toBe(base);
  });
});
