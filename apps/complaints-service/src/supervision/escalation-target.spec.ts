import { describe, expect, it } from '@jest/globals';
import { deadlineKey, escalationTarget, tightestThreshold } from './escalation-target.js';

describe('supervision rules (督办)', () => {
  it('escalates to the parent of the handling unit, the head office to itself', () => {
    expect(escalationTarget('/ho/br/sb/ot/')).toEqual({ unitId: 'sb', unitPath: '/ho/br/sb/' });
    expect(escalationTarget('/ho/br/')).toEqual({ unitId: 'ho', unitPath: '/ho/' });
    expect(escalationTarget('/ho/')).toEqual({ unitId: 'ho', unitPath: '/ho/' });
  });

  it('keys reminders and escalations by clock cycle and extension level', () => {
    expect(deadlineKey(1, 0)).toBe('1.0');
    expect(deadlineKey(2, 1)).toBe('2.1');
  });

  it('picks the tightest reminder threshold crossed', () => {
    const now = new Date('2026-10-01T00:00:00Z');
    const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
    expect(tightestThreshold(inDays(5), now, [3, 1])).toBeNull();
    expect(tightestThreshold(inDays(2.5), now, [3, 1])).toBe(3);
    expect(tightestThreshold(inDays(3), now, [3, 1])).toBe(3);
    expect(tightestThreshold(inDays(0.5), now, [3, 1])).toBe(1);
    expect(tightestThreshold(inDays(-0.1), now, [3, 1])).toBeNull();
  });
});
