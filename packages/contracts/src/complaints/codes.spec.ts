import { describe, expect, it } from '@jest/globals';
import { BUSINESS_CATEGORIES, CAUSES, CHANNELS, JRT0169_BUSINESS_TYPES, JRT0169_CAUSES } from './codes.js';

describe('coded lists against JR/T 0169-2018 (docs/regulations.md)', () => {
  it('maps every business category to a category of the standard’s B axis, or says it has none', () => {
    for (const item of BUSINESS_CATEGORIES) {
      expect(item.jrt0169 === null || (JRT0169_BUSINESS_TYPES as readonly string[]).includes(item.jrt0169)).toBe(true);
    }
    // What has no counterpart is a channel or a cause in the standard, or not among the names found.
    expect(BUSINESS_CATEGORIES.filter((i) => i.jrt0169 === null).map((i) => i.key)).toEqual(['e_banking', 'self_service', 'credit_reporting', 'service_quality']);
  });

  it('maps every cause to a category of the standard’s C axis', () => {
    for (const item of CAUSES) expect(JRT0169_CAUSES as readonly string[]).toContain(item.jrt0169);
    // Causes of the standard the platform cannot record yet (adding one extends the analysis vector: a migration).
    const mapped = new Set<string>(CAUSES.map((i) => i.jrt0169));
    expect(JRT0169_CAUSES.filter((c) => !mapped.has(c))).toEqual(['因自主选择权引起的投诉', '因产品收益引起的投诉', '因消费者资金安全引起的投诉']);
  });

  it('keeps codes unique per axis, "other" on 99 as the standard does', () => {
    for (const list of [CHANNELS, BUSINESS_CATEGORIES, CAUSES]) {
      const codes = list.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
    expect(BUSINESS_CATEGORIES.find((i) => i.key === 'other')?.code).toBe('B99');
    expect(CAUSES.find((i) => i.key === 'other')?.code).toBe('C99');
  });
});
