import { describe, expect, it } from '@jest/globals';
import { countWithin } from './org-paths.js';

describe('countWithin', () => {
  it('counts each member for its unit and every unit above it, and nowhere else', () => {
    const members = ['/hq/br1/o1/', '/hq/br1/o1/', '/hq/br1/o2/', '/hq/br10/', '/hq/'];
    const counts = countWithin(members);
    // The same answer as filtering the members by `path.startsWith(unit)` once per unit.
    for (const unit of ['/hq/', '/hq/br1/', '/hq/br1/o1/', '/hq/br1/o2/', '/hq/br10/', '/hq/br2/']) {
      expect([unit, counts.get(unit) ?? 0]).toEqual([unit, members.filter((m) => m.startsWith(unit)).length]);
    }
    expect(Object.fromEntries(counts)).toEqual({ '/hq/': 5, '/hq/br1/': 3, '/hq/br1/o1/': 2, '/hq/br1/o2/': 1, '/hq/br10/': 1 });
  });

  it('is empty for no members', () => {
    expect(countWithin([]).size).toBe(0);
  });
});
