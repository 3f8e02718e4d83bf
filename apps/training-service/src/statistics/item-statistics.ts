/**
 * Item analysis 试题分析 of an exam: Moodle's quiz statistics over a matrix of item marks,
 * with Moodle's definitions (question/classes/statistics/questions/calculator.php for the
 * items, mod/quiz/report/statistics/classes/calculator.php for the test); the formulas and
 * sources are written out in docs/quiz-statistics.md.
 *
 * With s attempts, x an item's mark, X the attempt's total, R = X − x the rest of the test
 * and p items, every variance and covariance divided by (s − 1):
 * facility = mean(x) / max; DI = 100·Cov(x,R)/√(Var(x)·Var(R)); DE = 100·Cov(x,R)/CovMax(x,R)
 * (x and R each sorted ascending); CIC = 100·p/(p−1)·(1 − ΣVar(xᵢ)/Var(X)) when s > 2, p > 1
 * and Var(X) ≠ 0; ER = 100·√(1 − CIC/100); SE = ER·SD(X)/100.
 *
 * A value that is undefined (one attempt, zero variance, a single item …) is `null`, never
 * NaN or Infinity. Pure and allocation-light: 20,000 attempts × 100 items take well under
 * a second (see item-statistics.bench.ts); the rank pairing of CovMax uses a counting sort
 * when marks are in hundredths, as graded marks are.
 */

export interface ItemStatisticsInput {
  /** Maximum mark of each item (a column of the matrix). */
  maxMarks: readonly number[];
  /**
   * `marks[a][i]` = attempt a's mark on item i; `null` when item i was not in attempt a
   * (a random draw). Unanswered but presented items are 0, as Moodle counts them.
   */
  marks: readonly (readonly (number | null)[])[];
}

export interface ItemStatistics {
  /** Column index of the item. */
  item: number;
  /** Attempts the item appeared in. */
  s: number;
  maxMark: number;
  /** Mean mark (null with no attempt). */
  mean: number | null;
  /** Facility index: mean / max mark, a fraction 0–1 (Moodle stores the fraction, shows %). */
  facility: number | null;
  /** Standard deviation of the mark, in marks (s − 1); null when s < 2. */
  sd: number | null;
  /** sd / max mark, the fraction Moodle's report shows as "Standard deviation" %. */
  sdFraction: number | null;
  /** Discrimination index, % (correlation of the item with the rest of the test × 100). */
  discriminationIndex: number | null;
  /** Discriminative efficiency, %: Cov(x,R) as a share of the largest covariance the marks allow. */
  discriminativeEfficiency: number | null;
  /** Effective weight, %: √Cov(x,X) / Σ√Cov(xᵢ,X); null when any item covaries negatively with X. */
  effectiveWeight: number | null;
}

export interface TestStatistics {
  /** Attempts analysed. */
  s: number;
  /** Items (columns). */
  p: number;
  /** Σ max marks. */
  maxTotal: number;
  mean: number | null;
  median: number | null;
  /** SD of the totals (s − 1); null when s < 2. */
  sd: number | null;
  /** Skewness (k3 / k2^1.5), when s > 2 and Var(X) ≠ 0. */
  skewness: number | null;
  /** Kurtosis (excess, k4 / k2²), when s > 3 and Var(X) ≠ 0. */
  kurtosis: number | null;
  /** Coefficient of internal consistency (Cronbach α × 100), %, when s > 2, p > 1, Var(X) ≠ 0 and every item is in every attempt. */
  cic: number | null;
  /** Error ratio, %: 100·√(1 − CIC/100). */
  errorRatio: number | null;
  /** Standard error, in marks: ER·SD/100. */
  standardError: number | null;
}

export interface QuizStatistics {
  test: TestStatistics;
  items: ItemStatistics[];
}

export class StatisticsInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'StatisticsInputError';
  }
}

/**
 * Sums of squares that cancel to (almost) zero in floating point are zero: below this share
 * of the squared scale they are rounding noise, and dividing by them would give nonsense
 * instead of "undefined".
 */
const RELATIVE_ZERO = 1e-12;
const isZero = (value: number, scale: number) => Math.abs(value) <= RELATIVE_ZERO * Math.max(1, scale * scale);

/** Compute the item and test statistics of a matrix of marks. */
export function quizStatistics(input: ItemStatisticsInput): QuizStatistics {
  const p = input.maxMarks.length;
  const s = input.marks.length;
  input.maxMarks.forEach((m, i) => {
    if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) throw new StatisticsInputError(`maxMarks[${i}]`, 'must be a finite number ≥ 0');
  });

  // Column-major copy (NaN = not presented) so each item's pass runs over contiguous memory.
  const columns = new Float64Array(s * p);
  const totals = new Float64Array(s);
  let complete = true;
  for (let a = 0; a < s; a++) {
    const row = input.marks[a];
    if (!row || row.length !== p) throw new StatisticsInputError(`marks[${a}]`, `must have ${p} entries`);
    let total = 0;
    for (let i = 0; i < p; i++) {
      const mark = row[i];
      if (mark === null) {
        columns[i * s + a] = NaN;
        complete = false;
        continue;
      }
      if (typeof mark !== 'number' || !Number.isFinite(mark)) throw new StatisticsInputError(`marks[${a}][${i}]`, 'must be a finite number or null');
      columns[i * s + a] = mark;
      total += mark;
    }
    totals[a] = total;
  }

  const maxTotal = input.maxMarks.reduce((sum, m) => sum + m, 0);
  const test = testStatistics(totals, p, maxTotal);

  const items: ItemStatistics[] = [];
  const covWithTotal: (number | null)[] = [];
  let sumOfMarkVariance = 0;
  const xs = new Float64Array(s);
  const rs = new Float64Array(s);
  const counting = { x: new Int32Array(0), r: new Int32Array(0) };
  for (let i = 0; i < p; i++) {
    const maxMark = input.maxMarks[i];
    const base = i * s;
    // Gather the attempts that had the item: x and R = X − x.
    let n = 0;
    let sumX = 0;
    let sumR = 0;
    let sumTotal = 0;
    for (let a = 0; a < s; a++) {
      const x = columns[base + a];
      if (Number.isNaN(x)) continue;
      const total = totals[a];
      xs[n] = x;
      rs[n] = total - x;
      sumX += x;
      sumR += total - x;
      sumTotal += total;
      n++;
    }
    if (n === 0) {
      items.push({ item: i, s: 0, maxMark, mean: null, facility: null, sd: null, sdFraction: null, discriminationIndex: null, discriminativeEfficiency: null, effectiveWeight: null });
      covWithTotal.push(null);
      continue;
    }
    const meanX = sumX / n;
    const meanR = sumR / n;
    const meanTotal = sumTotal / n;
    let ssX = 0;
    let ssR = 0;
    let sxr = 0;
    let sxt = 0;
    for (let k = 0; k < n; k++) {
      const dx = xs[k] - meanX;
      const dr = rs[k] - meanR;
      ssX += dx * dx;
      ssR += dr * dr;
      sxr += dx * dr;
      sxt += dx * (xs[k] + rs[k] - meanTotal);
    }
    const facility = maxMark !== 0 ? meanX / maxMark : null;
    if (n < 2) {
      items.push({ item: i, s: n, maxMark, mean: meanX, facility, sd: null, sdFraction: null, discriminationIndex: null, discriminativeEfficiency: null, effectiveWeight: null });
      covWithTotal.push(null);
      continue;
    }
    const sMax = rankPairedCrossSum(xs, rs, n, meanX, meanR, maxMark, maxTotal, counting);

    const d = n - 1;
    const varX = isZero(ssX, maxMark) ? 0 : ssX / d;
    const varR = isZero(ssR, maxTotal) ? 0 : ssR / d;
    const cov = sxr / d;
    const covMax = isZero(sMax, Math.max(maxMark, maxTotal)) ? 0 : sMax / d;
    const sd = Math.sqrt(varX);
    sumOfMarkVariance += varX;
    covWithTotal.push(sxt / d);
    items.push({
      item: i,
      s: n,
      maxMark,
      mean: meanX,
      facility,
      sd,
      sdFraction: maxMark !== 0 ? sd / maxMark : null,
      discriminationIndex: varX * varR !== 0 ? (100 * cov) / Math.sqrt(varX * varR) : null,
      discriminativeEfficiency: covMax !== 0 ? (100 * cov) / covMax : null,
      effectiveWeight: null,
    });
  }

  // Effective weight, as Moodle: only when no item covaries negatively with the total.
  const anyNegative = covWithTotal.some((c) => c !== null && c < 0);
  const sumSqrt = covWithTotal.reduce<number>((sum, c) => (c !== null && c > 0 ? sum + Math.sqrt(c) : sum), 0);
  if (!anyNegative && sumSqrt > 0) {
    items.forEach((item, i) => {
      const c = covWithTotal[i];
      item.effectiveWeight = c === null ? null : (100 * Math.sqrt(Math.max(0, c))) / sumSqrt;
    });
  }

  // CIC needs the item variances over the same attempts as Var(X): every item in every attempt.
  if (complete && s > 2 && p > 1 && test.sd !== null && test.sd !== 0) {
    const varTotal = test.sd * test.sd;
    const cic = ((100 * p) / (p - 1)) * (1 - sumOfMarkVariance / varTotal);
    test.cic = cic;
    test.errorRatio = 100 * Math.sqrt(Math.max(0, 1 - cic / 100));
    test.standardError = (test.errorRatio * test.sd) / 100;
  }
  return { test, items };
}

/** Marks are counted in hundredths when they all lie on that grid (grading rounds to 2 decimals). */
const GRID = 100;
/** Above this many buckets the counting sort costs more than a sort. */
const MAX_BUCKETS = 1_000_000;

/**
 * Σ (x₍ₖ₎ − x̄)(R₍ₖ₎ − R̄) with x and R each sorted ascending on its own (CovMax × (s − 1)).
 * Marks on the 0.01 grid within [0, max] are bucketed (a counting sort, linear in s and in
 * max × 100) and the two rank orders are walked together; anything else is sorted.
 * Reorders `xs` and `rs`.
 */
function rankPairedCrossSum(
  xs: Float64Array,
  rs: Float64Array,
  n: number,
  meanX: number,
  meanR: number,
  maxMark: number,
  maxTotal: number,
  counting: { x: Int32Array; r: Int32Array },
): number {
  const xBuckets = Math.round(maxMark * GRID) + 1;
  const rBuckets = Math.round(maxTotal * GRID) + 1;
  if (xBuckets + rBuckets <= MAX_BUCKETS && Number.isFinite(xBuckets + rBuckets)) {
    if (counting.x.length < xBuckets) counting.x = new Int32Array(xBuckets);
    if (counting.r.length < rBuckets) counting.r = new Int32Array(rBuckets);
    const cx = counting.x.fill(0, 0, xBuckets);
    const cr = counting.r.fill(0, 0, rBuckets);
    let onGrid = true;
    for (let k = 0; k < n && onGrid; k++) {
      const qx = Math.round(xs[k] * GRID);
      const qr = Math.round(rs[k] * GRID);
      if (qx < 0 || qx >= xBuckets || qr < 0 || qr >= rBuckets || Math.abs(qx - xs[k] * GRID) > 1e-6 || Math.abs(qr - rs[k] * GRID) > 1e-6) onGrid = false;
      else {
        cx[qx]++;
        cr[qr]++;
      }
    }
    if (onGrid) {
      let sum = 0;
      let bx = 0;
      let br = 0;
      let leftX = 0;
      let leftR = 0;
      for (let taken = 0; taken < n; ) {
        while (leftX === 0) leftX = cx[bx++];
        while (leftR === 0) leftR = cr[br++];
        const chunk = Math.min(leftX, leftR);
        sum += chunk * ((bx - 1) / GRID - meanX) * ((br - 1) / GRID - meanR);
        leftX -= chunk;
        leftR -= chunk;
        taken += chunk;
      }
      return sum;
    }
  }
  const sortedX = xs.subarray(0, n).sort();
  const sortedR = rs.subarray(0, n).sort();
  let sum = 0;
  for (let k = 0; k < n; k++) sum += (sortedX[k] - meanX) * (sortedR[k] - meanR);
  return sum;
}

/** Test-level statistics of the attempt totals (Moodle's k-statistics for skewness and kurtosis). */
function testStatistics(totals: Float64Array, p: number, maxTotal: number): TestStatistics {
  const s = totals.length;
  const result: TestStatistics = {
    s,
    p,
    maxTotal,
    mean: null,
    median: null,
    sd: null,
    skewness: null,
    kurtosis: null,
    cic: null,
    errorRatio: null,
    standardError: null,
  };
  if (s === 0) return result;
  let sum = 0;
  for (let a = 0; a < s; a++) sum += totals[a];
  const mean = sum / s;
  result.mean = mean;
  const sorted = Float64Array.from(totals).sort();
  result.median = s % 2 === 1 ? sorted[(s - 1) / 2] : (sorted[s / 2 - 1] + sorted[s / 2]) / 2;
  if (s < 2) return result;
  let power2 = 0;
  let power3 = 0;
  let power4 = 0;
  for (let a = 0; a < s; a++) {
    const d = totals[a] - mean;
    const d2 = d * d;
    power2 += d2;
    power3 += d2 * d;
    power4 += d2 * d2;
  }
  if (isZero(power2, maxTotal)) power2 = 0;
  result.sd = Math.sqrt(power2 / (s - 1));
  if (s > 2 && power2 !== 0) {
    const m2 = power2 / s;
    const m3 = power3 / s;
    const m4 = power4 / s;
    const k2 = (s * m2) / (s - 1);
    const k3 = (s * s * m3) / ((s - 1) * (s - 2));
    result.skewness = k3 / Math.pow(k2, 1.5);
    if (s > 3) {
      const k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3));
      result.kurtosis = k4 / (k2 * k2);
    }
  }
  return result;
}
