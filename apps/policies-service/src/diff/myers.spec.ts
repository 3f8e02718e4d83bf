import { describe, expect, it } from '@jest/globals';
import { diffCharacters } from './char-diff.js';
import { commonSubsequence } from './myers.js';

/** A seeded generator, so a failure names a reproducible case. */
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The textbook O(n·m) longest common subsequence length, as an independent check. */
function lcsLength(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

describe('commonSubsequence (Myers)', () => {
  it('finds a longest common subsequence of random sequences (checked against the O(n·m) table)', () => {
    const random = generator(7);
    for (let round = 0; round < 300; round++) {
      const alphabet = 1 + Math.floor(random() * 6);
      const a = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * alphabet));
      const b = random() < 0.5 ? Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * alphabet)) : a.filter(() => random() < 0.8);
      const pairs = commonSubsequence(a, b) as Array<[number, number]>;
      expect(pairs.length).toBe(lcsLength(a, b));
      pairs.forEach(([i, j], k) => {
        expect(a[i]).toBe(b[j]);
        if (k > 0) {
          expect(i).toBeGreaterThan(pairs[k - 1][0]);
          expect(j).toBeGreaterThan(pairs[k - 1][1]);
        }
      });
    }
  });

  it('gives up (null) beyond the edit limit', () => {
    expect(commonSubsequence([1, 2, 3, 4], [5, 6, 7, 8], 3)).toBeNull();
    expect(commonSubsequence([1, 2, 3, 4], [1, 9, 3, 4], 2)).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
  });
});

describe('diffCharacters on random Chinese edits', () => {
  it('always spells both texts and never splits a surrogate pair', () => {
    const random = generator(11);
    const alphabet = ['客', '户', '投', '诉', '，', '。', '；', '《', '》', '𠮷', '𠮶', '𡈽', 'a', ',', ' ', '\n', '葛\u{E0100}'];
    const tokens = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]);
    for (let round = 0; round < 300; round++) {
      const original = tokens(Math.floor(random() * 60));
      const before = original.join('');
      // Edit whole characters, so a variation selector always keeps its base character.
      const after = random() < 0.3 ? tokens(Math.floor(random() * 60)).join('') : original.map((ch) => (random() < 0.1 ? tokens(Math.floor(random() * 3)).join('') : ch)).join('');
      const segments = diffCharacters(before, after);
      expect(segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(before);
      expect(segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(after);
      for (const s of segments) {
        expect(s.text).not.toBe('');
        expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|^[\u{E0100}-\u{E01EF}]/u);
      }
    }
  });
});
