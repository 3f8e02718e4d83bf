/**
 * Micro-benchmark of the item statistics (not part of the test run): 20,000 attempts × 100
 * items of simulated marks, the size issue #9 names (target: well under 2 s).
 *
 *   npx turbo run build --filter=@xb/training-service && npm run bench -w @xb/training-service
 *
 * Optional arguments: attempts, items, runs (default 20000 100 5).
 */
import { performance } from 'node:perf_hooks';
import { quizStatistics } from './item-statistics.js';

const [attempts = 20_000, itemCount = 100, runs = 5] = process.argv.slice(2).map(Number);

// A deterministic generator (mulberry32) so every run analyses the same cohort.
let seed = 0x9e3779b9;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

// Items worth 1 or 2 points; a taker's chance of a right answer grows with their ability
// and falls with the item's difficulty, so the statistics have something to find.
const maxMarks = Array.from({ length: itemCount }, (_, i) => (i % 5 === 0 ? 2 : 1));
const difficulty = maxMarks.map(() => random() * 2 - 1);
const marks: number[][] = [];
for (let a = 0; a < attempts; a++) {
  const ability = random() * 4 - 2;
  marks.push(maxMarks.map((max, i) => (random() < 1 / (1 + Math.exp(difficulty[i] - ability)) ? max : random() < 0.2 && max === 2 ? 1 : 0)));
}

const times: number[] = [];
let result = quizStatistics({ maxMarks, marks });
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  result = quizStatistics({ maxMarks, marks });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const fmt = (n: number | null) => (n === null ? 'null' : n.toFixed(2));
console.log(`quizStatistics: ${attempts} attempts × ${itemCount} items, ${runs} runs after one warm-up`);
console.log(`  median ${times[Math.floor(runs / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms`);
console.log(`  test: mean ${fmt(result.test.mean)}, sd ${fmt(result.test.sd)}, CIC ${fmt(result.test.cic)} %, SE ${fmt(result.test.standardError)}`);
const di = result.items.map((i) => i.discriminationIndex ?? 0);
console.log(`  discrimination index from ${fmt(Math.min(...di))} to ${fmt(Math.max(...di))} %`);
