import { describe, expect, it } from '@jest/globals';
import { quizStatistics, StatisticsInputError } from './item-statistics.js';

/**
 * Hand-checked data set (also in docs/quiz-statistics.md): 6 attempts × 4 items, max marks
 * 1, 2, 1, 1. Item 4 was answered right by everyone.
 *
 *          q1 q2 q3 q4 | X
 *   A1      1  2  1  1 | 5
 *   A2      1  2  0  1 | 4
 *   A3      1  1  1  1 | 4
 *   A4      0  1  0  1 | 2
 *   A5      1  0  0  1 | 2
 *   A6      0  0  0  1 | 1
 *
 * X: mean 3, deviations 2 1 1 −1 −1 −2 → Σd² = 12, Var(X) = 12/5 = 2.4, SD = √2.4 = 1.549193.
 * Median of 1 2 2 4 4 5 = (2 + 4)/2 = 3. Σd³ = 0 → skewness 0;
 * m2 = 12/6 = 2, m4 = (16+1+1+1+1+16)/6 = 6, k2 = 6·2/5 = 2.4,
 * k4 = 36·(7·6 − 3·5·4)/(5·4·3) = 36·(−18)/60 = −10.8 → kurtosis −10.8/2.4² = −1.875.
 *
 * q1: x = 1 1 1 0 1 0, mean 2/3, facility 2/3; Σdx² = 4·(1/9) + 2·(4/9) = 4/3 → Var 4/15, SD 0.516398.
 *     R = 4 3 3 2 1 1, mean 7/3, ΣdR² = 22/3 → Var(R) 22/15; Σdx·dR = 5/3 → Cov 1/3.
 *     DI = 100·(1/3)/√(4/15 · 22/15) = 500/√88 = 53.300179.
 *     Sorted x 0 0 1 1 1 1 with sorted R 1 1 2 3 3 4 → Σ = 8/3 → CovMax 8/15 → DE = 100·(1/3)/(8/15) = 62.5.
 * q2: x = 2 2 1 1 0 0, mean 1, facility 1/2; Var 4/5, SD 0.894427, sd/max 0.447214.
 *     R = 3 2 3 1 2 1, mean 2, Var(R) 4/5; Cov(x,R) = 2/5 → DI = 100·0.4/0.8 = 50.
 *     Sorted pairs (0,1)(0,1)(1,2)(1,2)(2,3)(2,3) → CovMax 4/5 → DE = 50.
 * q3: x = 1 0 1 0 0 0 — the mirror of q1: facility 1/3, DI 53.300179, DE 62.5.
 * q4: every mark 1 → facility 1, SD 0, DI and DE undefined (null): Var(x) = 0 and CovMax = 0.
 * CIC = 100·4/3·(1 − (4/15 + 4/5 + 4/15 + 0)/(12/5)) = 100·4/3·(1 − 5/9) = 1600/27 = 59.259259.
 * ER = 100·√(1 − 16/27) = 100·√(11/27) = 63.828474; SE = ER·SD/100 = √(44/45) = 0.988826.
 * Effective weight: Cov(x,X) = 3/5, 6/5, 3/5, 0 → √ 0.774597, 1.095445, 0.774597, 0 (Σ 2.644639)
 *     → 29.289322 %, 41.421356 %, 29.289322 %, 0 %.
 */
const maxMarks = [1, 2, 1, 1];
const marks = [
  [1, 2, 1, 1],
  [1, 2, 0, 1],
  [1, 1, 1, 1],
  [0, 1, 0, 1],
  [1, 0, 0, 1],
  [0, 0, 0, 1],
];

const close = (value: number | null, expected: number) => {
  expect(value).not.toBeNull();
  expect(value as number).toBeCloseTo(expected, 6);
};

describe('quizStatistics (Moodle quiz statistics)', () => {
  it('equals the hand computation on a fixed data set', () => {
    const { test, items } = quizStatistics({ maxMarks, marks });
    expect(test).toMatchObject({ s: 6, p: 4, maxTotal: 5, mean: 3, median: 3 });
    close(test.sd, Math.sqrt(2.4));
    close(test.skewness, 0);
    close(test.kurtosis, -1.875);
    close(test.cic, 1600 / 27);
    close(test.errorRatio, 100 * Math.sqrt(11 / 27));
    close(test.standardError, Math.sqrt(44 / 45));

    const [q1, q2, q3, q4] = items;
    close(q1.facility, 2 / 3);
    close(q1.sd, Math.sqrt(4 / 15));
    close(q1.discriminationIndex, 500 / Math.sqrt(88));
    close(q1.discriminativeEfficiency, 62.5);
    close(q2.mean, 1);
    close(q2.facility, 0.5);
    close(q2.sd, Math.sqrt(0.8));
    close(q2.sdFraction, Math.sqrt(0.8) / 2);
    close(q2.discriminationIndex, 50);
    close(q2.discriminativeEfficiency, 50);
    close(q3.facility, 1 / 3);
    close(q3.discriminationIndex, 500 / Math.sqrt(88));
    close(q3.discriminativeEfficiency, 62.5);
    expect(q4).toMatchObject({ s: 6, facility: 1, sd: 0, discriminationIndex: null, discriminativeEfficiency: null });
    const root = [Math.sqrt(0.6), Math.sqrt(1.2), Math.sqrt(0.6), 0];
    const sum = root.reduce((a, b) => a + b);
    items.forEach((item, i) => close(item.effectiveWeight, (100 * root[i]) / sum));
  });

  it('gives skewness and kurtosis by Moodle’s k-statistics on a skewed set', () => {
    // Totals 0 1 1 2 6: mean 2, d = −2 −1 −1 0 4; m2 = 22/5, m3 = 54/5, m4 = 274/5.
    // k2 = 5·4.4/4 = 5.5; k3 = 25·10.8/12 = 22.5 → skewness 22.5/5.5^1.5 = 1.744369;
    // k4 = 25·(6·54.8 − 3·4·4.4²)/24 = 25·96.48/24 = 100.5 → kurtosis 100.5/30.25 = 3.322314.
    const { test } = quizStatistics({ maxMarks: [10], marks: [[0], [1], [1], [2], [6]] });
    close(test.skewness, 22.5 / Math.pow(5.5, 1.5));
    close(test.kurtosis, 100.5 / 30.25);
    expect(test.median).toBe(1);
    // One item: CIC needs p > 1, and the rest of the test is always 0 (Var(R) = 0 → DI null).
    expect(test).toMatchObject({ cic: null, errorRatio: null, standardError: null });
  });

  it('answers null, never NaN, where a statistic is undefined', () => {
    // No attempt.
    const none = quizStatistics({ maxMarks: [1, 1], marks: [] });
    expect(none.test).toMatchObject({ s: 0, mean: null, median: null, sd: null, cic: null });
    expect(none.items[0]).toMatchObject({ s: 0, facility: null, sd: null, discriminationIndex: null });

    // One attempt: means only.
    const one = quizStatistics({ maxMarks: [1, 2], marks: [[1, 2]] });
    expect(one.test).toMatchObject({ mean: 3, median: 3, sd: null, skewness: null, kurtosis: null, cic: null });
    expect(one.items[1]).toMatchObject({ facility: 1, sd: null, discriminationIndex: null, discriminativeEfficiency: null, effectiveWeight: null });

    // Two attempts: SD exists; skewness and CIC need s > 2.
    const two = quizStatistics({ maxMarks: [1, 1], marks: [[1, 0], [0, 0]] });
    expect(two.test.sd).toBeCloseTo(Math.SQRT1_2, 12);
    expect(two.test).toMatchObject({ skewness: null, cic: null });

    // Zero variance of the totals (everyone scored the same): no skewness, kurtosis or CIC.
    const flat = quizStatistics({ maxMarks: [1, 1], marks: [[1, 0], [0, 1], [1, 0], [0, 1]] });
    expect(flat.test).toMatchObject({ sd: 0, skewness: null, kurtosis: null, cic: null, errorRatio: null });
    // Every item answered right (p = 1 facility): DI and DE null.
    const easy = quizStatistics({ maxMarks: [1, 1], marks: [[1, 1], [1, 0], [1, 1]] });
    expect(easy.items[0]).toMatchObject({ facility: 1, sd: 0, discriminationIndex: null, discriminativeEfficiency: null });
    // A zero maximum: no facility.
    expect(quizStatistics({ maxMarks: [0, 1], marks: [[0, 1], [0, 0], [0, 1]] }).items[0].facility).toBeNull();

    for (const result of [none, one, two, flat, easy]) {
      const values = [...Object.values(result.test), ...result.items.flatMap((i) => Object.values(i))];
      expect(values.every((v) => v === null || Number.isFinite(v))).toBe(true);
    }
  });

  it('takes float marks whose variance cancels to rounding noise as zero, not as a huge DI', () => {
    // 0.1 + 0.2 style noise: the item is constant, so DI must be null, not ±100.
    const marks = [
      [0.3, 0.1],
      [0.1 + 0.2, 0.2], // 0.30000000000000004
      [0.3, 0.7],
    ];
    const { items } = quizStatistics({ maxMarks: [1, 1], marks });
    expect(items[0].discriminationIndex).toBeNull();
  });

  it('computes each item over the attempts that drew it and leaves CIC out when the matrix has gaps', () => {
    const { test, items } = quizStatistics({
      maxMarks: [1, 1, 1],
      marks: [
        [1, null, 1],
        [0, 1, null],
        [1, 0, 1],
        [null, 1, 0],
      ],
    });
    expect(items.map((i) => i.s)).toEqual([3, 3, 3]);
    close(items[0].facility, 2 / 3);
    expect(test.s).toBe(4);
    expect(test.cic).toBeNull();
  });

  it('equals a direct transcription of the formulas on a random cohort', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const max = [1, 2, 1, 3, 1, 1, 2];
    const rows = Array.from({ length: 57 }, () => {
      const ability = random();
      return max.map((m) => Math.round(Math.min(1, ability + random() * 0.6) * m * (random() < 0.8 ? 1 : 0)));
    });
    const { test, items } = quizStatistics({ maxMarks: max, marks: rows });
    const s = rows.length;
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const cov = (u: number[], v: number[]) => {
      const mu = mean(u);
      const mv = mean(v);
      return u.reduce((sum, x, k) => sum + (x - mu) * (v[k] - mv), 0) / (u.length - 1);
    };
    const asc = (v: number[]) => [...v].sort((a, b) => a - b);
    const X = rows.map((r) => r.reduce((a, b) => a + b, 0));
    let sumVar = 0;
    max.forEach((m, i) => {
      const x = rows.map((r) => r[i]);
      const R = X.map((t, k) => t - x[k]);
      sumVar += cov(x, x);
      close(items[i].facility, mean(x) / m);
      close(items[i].sd, Math.sqrt(cov(x, x)));
      close(items[i].discriminationIndex, (100 * cov(x, R)) / Math.sqrt(cov(x, x) * cov(R, R)));
      close(items[i].discriminativeEfficiency, (100 * cov(x, R)) / cov(asc(x), asc(R)));
    });
    // Off the 0.01 grid (thirds) CovMax is found by sorting, not by counting; DI and DE do not depend on the scale.
    const thirds = quizStatistics({ maxMarks: max.map((m) => m / 3), marks: rows.map((r) => r.map((v) => v / 3)) });
    thirds.items.forEach((item, i) => {
      close(item.discriminationIndex, items[i].discriminationIndex as number);
      close(item.discriminativeEfficiency, items[i].discriminativeEfficiency as number);
    });
    close(test.mean, mean(X));
    close(test.median, asc(X)[(s - 1) / 2]);
    close(test.sd, Math.sqrt(cov(X, X)));
    const cic = ((100 * max.length) / (max.length - 1)) * (1 - sumVar / cov(X, X));
    close(test.cic, cic);
    close(test.errorRatio, 100 * Math.sqrt(1 - cic / 100));
    close(test.standardError, Math.sqrt(1 - cic / 100) * Math.sqrt(cov(X, X)));
  });

  it('refuses malformed input naming the field', () => {
    expect(() => quizStatistics({ maxMarks: [1, 1], marks: [[1]] })).toThrow(new StatisticsInputError('marks[0]', 'must have 2 entries'));
    expect(() => quizStatistics({ maxMarks: [1], marks: [[Number.NaN]] })).toThrow(StatisticsInputError);
    expect(() => quizStatistics({ maxMarks: [-1], marks: [] })).toThrow(/maxMarks\[0\]/);
  });
});
