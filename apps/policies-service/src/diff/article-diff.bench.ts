/**
 * Micro-benchmark of the policy diff (not part of the test run): two versions of about
 * 100,000 characters each, the size issue #10 names (target ≤ 500 ms).
 *
 *   npx turbo run build --filter=@xb/policies-service && npm run bench -w @xb/policies-service
 *
 * Scenario "revision": v2 inserts 3 articles (renumbering everything after them), deletes 2,
 * edits 40 in a few places and changes punctuation. Scenarios "every article edited":
 * a change in each of the ~240 articles, with and without chapters to anchor on, and with
 * one article inserted first (so the two sides differ in length and are aligned by the
 * banded programme rather than position by position) — the worst realistic cases.
 */
import { performance } from 'node:perf_hooks';
import { diffPolicyVersions } from './article-diff.js';

let seed = 20261126;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const CLAUSES = [
  '各分支机构应当建立健全消费者权益保护工作机制',
  '对客户投诉应当在十五日内作出处理决定并告知客户',
  '情况复杂或者有特殊原因的，经审批可以延长至三十日',
  '营业网点应当在显著位置公示投诉电话、投诉处理流程和时限',
  '销售理财产品应当进行客户风险承受能力评估，不得误导销售',
  '代销产品应当执行录音录像（双录）并妥善保存',
  '收集使用个人金融信息应当遵循合法、正当、必要原则',
  '对老年人、残障人士等特殊群体应当提供便利服务',
  '消费者权益保护部门负责组织、协调、督促和考核',
  '发生重大投诉或者群体性事件的，应当在一小时内报告总行',
  '《银行保险机构消费者权益保护管理办法》另有规定的，从其规定',
  '员工违反本办法的，依照本行员工违规行为处理办法追究责任',
  '𠮷字等生僻字姓名的客户信息应当完整准确录入',
];
const sentence = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(CLAUSES)).join('，') + '。';
const articleBody = () => Array.from({ length: 4 + Math.floor(random() * 4) }, sentence).join('');

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const numeral = (n: number): string => {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${numeral(rest)}` : numeral(rest)}`;
};
const render = (articles: string[], chapters = true) => {
  const lines = ['# 客户投诉管理办法', ''];
  articles.forEach((body, k) => {
    if (chapters && k % 25 === 0) lines.push(`## 第${numeral(k / 25 + 1)}章 第${numeral(k / 25 + 1)}部分规定`, '');
    lines.push(`**第${numeral(k + 1)}条** ${body}`, '');
  });
  return lines.join('\n');
};

const v1Articles: string[] = [];
while (render(v1Articles).length < 100_000) v1Articles.push(articleBody());
const edit = (body: string) => {
  const at = Math.floor(random() * (body.length - 20));
  return `${body.slice(0, at)}${pick(['，并报告总行', '（含线上渠道）', '', '及时'])}${body.slice(at + 5).replace('，', '；')}`;
};
const revised = [...v1Articles];
for (let k = 0; k < 40; k++) {
  const at = Math.floor(random() * revised.length);
  revised[at] = edit(revised[at]);
}
revised.splice(120, 1);
revised.splice(60, 1);
revised.splice(10, 0, articleBody());
revised.splice(50, 0, articleBody());
revised.splice(150, 0, articleBody());

const scenarios: Array<[string, string, string]> = [
  ['revision (3 inserted, 2 deleted, 40 edited)', render(v1Articles), render(revised)],
  ['every article edited', render(v1Articles), render(v1Articles.map(edit))],
  ['every article edited, no chapters', render(v1Articles, false), render(v1Articles.map(edit), false)],
  ['every article edited and one inserted first, no chapters', render(v1Articles, false), render([articleBody(), ...v1Articles.map(edit)], false)],
];

const runs = Number(process.argv[2] ?? 5);
for (const [name, before, after] of scenarios) {
  let result = diffPolicyVersions(before, after);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    result = diffPolicyVersions(before, after);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: ${before.length} → ${after.length} characters, ${v1Articles.length} articles`);
  console.log(`  median ${times[Math.floor(runs / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms (${runs} runs after one warm-up)`);
  console.log(`  ${JSON.stringify(result.summary)}`);
}
