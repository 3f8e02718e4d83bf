import { describe, expect, it } from '@jest/globals';
import { idCheckChar, idNumberProblem } from './id-number.js';

describe('resident ID number (GB 11643)', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // Published examples: 11010519491231002X and 440524188001010014.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts valid numbers, with X in either case', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });

  it('rejects a wrong check digit', () => {
    expect(idNumberProblem('110105194912310021')).toMatch(/check digit/);
    expect(idNumberProblem('11010519491231002Y')).toMatch(/18-character/);
  });

  it('rejects impossible birth dates and malformed numbers', () => {
    const withCheck = (first17: string) => first17 + idCheckChar(first17);
    expect(idNumberProblem(withCheck('11010519490230002'))).toMatch(/birth date/);
    expect(idNumberProblem(withCheck('11010599990101002'))).toMatch(/birth date/);
    // Valid by the standard (the well-known 1880 example) but no living customer.
    expect(idNumberProblem('440524188001010014')).toMatch(/birth date/);
    expect(idNumberProblem('1101051949123100')).toMatch(/18-character/);
  });
});
