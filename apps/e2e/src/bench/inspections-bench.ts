/**
 * Inspections benchmark: `npm run bench:inspections` (builds, then runs this file's compiled form).
 *
 *   node apps/e2e/dist/bench/inspections-bench.js [--outlets 300] [--quarters 8] [--visits 4] [--rate 20] [--seconds 20] [--keep-db]
 *
 * Starts its own stack (private nats-server, fresh databases, one inspections service, one
 * gateway), publishes a 60-item template (6 dimensions × 10 items) through the API, adds
 * `--outlets` outlets under 10 branches to the service's directory replica, and loads
 * outlets × quarters × visits reviewed visits with COPY — each scored by the service's own
 * `scoreVisit` (60 item rows and 6 dimension rows per visit) plus a rectification per failed
 * item. Then measures through the running gateway:
 *   - analysis by branch, by quarter and by outlet over the whole period (serial, p50/p95);
 *   - submit: POST /api/inspections/log of a 60-item visit at `--rate` per second (open loop:
 *     latency counted from the scheduled start) for `--seconds`, then the closed-loop maximum.
 * Targets on a 2-core machine: analysis ≤ 300 ms; submit p99 ≤ 100 ms at 20 submits/s.
 * Loopback only; every loop is bounded; the stack is stopped at the end.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { rebuildRollups } from '@xb/inspections-service/dist/analysis/rollup.js';
import { scoreVisit, type ItemAnswer } from '@xb/inspections-service/dist/scoring/scoring.js';
import type { ChecklistTemplate } from '@xb/inspections-service/dist/scoring/template.js';
import pg from 'pg';
import { startStack } from '../stack.js';
import { copyIn, copyValue } from './copy-in.js';
import { prng } from './generate.js';
import { closedLoop, GatewayClient, ms, openLoop, timings } from './measure.js';

const { values: args } = parseArgs({
  options: {
    outlets: { type: 'string', default: '300' },
    quarters: { type: 'string', default: '8' },
    visits: { type: 'string', default: '4' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    'analysis-runs': { type: 'string', default: '10' },
    // Leaves the databases after the run (for EXPLAIN ANALYZE on the loaded data); drop them yourself.
    'keep-db': { type: 'boolean', default: false },
  },
});
const OUTLETS = Number(args.outlets);
const QUARTERS = Number(args.quarters);
const VISITS = Number(args.visits);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const RUNS = Number(args['analysis-runs']);
for (const [name, v, max] of [
  ['outlets', OUTLETS, 5000],
  ['quarters', QUARTERS, 40],
  ['visits', VISITS, 30],
  ['rate', RATE, 500],
  ['seconds', SECONDS, 300],
  ['analysis-runs', RUNS, 1000],
] as const) {
  if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
}

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

const DIMENSIONS = ['environment', 'appearance', 'lobby', 'teller', 'manager', 'security'];
const TEMPLATE: ChecklistTemplate = {
  key: 'bench-60',
  name: '基准测试模板（60 项）',
  passMark: 80,
  dimensions: DIMENSIONS.map((key, i) => ({ key, name: `维度${i + 1}`, weight: [15, 10, 20, 25, 20, 10][i], passMark: 80 })),
  items: DIMENSIONS.flatMap((d) =>
    Array.from({ length: 10 }, (_x, i) => ({
      key: `${d}.${i}`,
      dimensionKey: d,
      text: `${d} 检查项 ${i + 1}`,
      weight: 1 + (i % 3),
      answerType: i === 9 ? ('scale' as const) : ('pass_fail' as const),
      ...(i === 9 ? { scaleMax: 4, passAt: 3 } : {}),
      naAllowed: i % 4 === 0,
      redLine: i === 0,
      photoOnFail: false,
    })),
  ),
};

function answersOf(r: () => number): ItemAnswer[] {
  return TEMPLATE.items.map((item) => {
    const x = r();
    if (item.naAllowed && x < 0.1) return { itemKey: item.key, value: 'na' };
    if (item.answerType === 'scale') return { itemKey: item.key, value: x > 0.9 ? 2 : 4 };
    return { itemKey: item.key, value: x > (item.redLine ? 0.985 : 0.93) ? 'fail' : 'pass' };
  });
}

const quarterStart = (back: number) => {
  const now = new Date(Date.now() + 8 * 3600_000);
  const q = Math.floor(now.getUTCMonth() / 3) - back;
  return new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
};
const day = (d: Date) => d.toISOString().slice(0, 10);

const stack = await startStack({
  name: 'inspections_bench',
  services: ['inspections'],
  env: { inspections: { LOG_LEVEL: 'warn', OVERDUE_INTERVAL_MS: '0' }, gateway: { LOG_LEVEL: 'warn' } },
});
try {
  const client = new GatewayClient(stack.baseUrl, 64);
  const admin = await stack.login('admin');
  const inspector = await stack.login('inspector');
  const draft = JSON.parse((await client.request('POST', '/api/inspection-templates', admin, TEMPLATE, 201)).toString()) as { id: string };
  await client.request('POST', `/api/inspection-templates/${draft.id}/publish`, admin, {});
  const [head] = await stack.sql<{ id: string; path: string }>('gateway', `SELECT id, path FROM org_unit WHERE type = 'head_office'`);
  const [inspectorRow] = await stack.sql<{ id: string }>('gateway', `SELECT id FROM app_user WHERE username = 'inspector'`);

  const db = new pg.Client({ connectionString: stack.dbUrls.inspections });
  await db.connect();
  log(`adding 10 branches and ${OUTLETS} outlets to the service's directory replica`);
  const branches = Array.from({ length: 10 }, (_x, i) => ({ id: randomUUID(), name: `基准分行${i + 1}` }));
  const outlets = Array.from({ length: OUTLETS }, (_x, i) => {
    const b = branches[i % branches.length];
    const id = randomUUID();
    return { id, name: `基准网点${i + 1}`, path: `${head.path}${b.id}/${id}/`, parent: b.id };
  });
  await copyIn(
    db,
    'directory_org_unit',
    ['id', 'code', 'name', 'type', 'parent_id', 'path', 'depth', 'version'],
    [
      ...branches.map((b, i) => [b.id, `BB-${i}`, b.name, 'branch', head.id, `${head.path}${b.id}/`, 1, 1].map(copyValue).join('\t') + '\n'),
      ...outlets.map((o, i) => [o.id, `BO-${i}`, o.name, 'outlet', o.parent, o.path, 2, 1].map(copyValue).join('\t') + '\n'),
    ],
  );

  log(`loading ${OUTLETS * QUARTERS * VISITS} reviewed visits × 60 items with COPY`);
  const r = prng(11);
  const today = day(new Date(Date.now() + 8 * 3600_000));
  const visits: string[] = [];
  const dims: string[] = [];
  const items: string[] = [];
  const rects: string[] = [];
  for (let q = QUARTERS - 1; q >= 0; q--) {
    const start = quarterStart(q);
    for (const o of outlets) {
      for (let v = 0; v < VISITS; v++) {
        const id = randomUUID();
        // No visit lies in the future (the service refuses one): this quarter's visits fall between its first day and today.
        const date = [day(new Date(start.getTime() + Math.floor(r() * 88) * 86_400_000)), today].sort()[0];
        const s = scoreVisit(TEMPLATE, answersOf(r));
        const at = new Date(`${date}T10:00:00Z`);
        visits.push(
          [id, o.id, o.path, draft.id, inspectorRow.id, '基准', 'routine', date, date, 'reviewed', '[]', s.total, s.points.achieved, s.points.possible, s.passed, s.redLineFailed, inspectorRow.id, at, at]
            .map(copyValue)
            .join('\t') + '\n',
        );
        for (const d of s.dimensions) if (d.possible > 0) dims.push([id, d.key, d.achieved, d.possible].map(copyValue).join('\t') + '\n');
        for (const it of s.items) {
          if (it.state !== 'answered') continue;
          items.push([id, it.key, it.achieved, it.possible, it.failed].map(copyValue).join('\t') + '\n');
          if (it.failed) {
            const verified = r() < 0.8;
            const deadline = day(new Date(at.getTime() + 7 * 86_400_000));
            rects.push(
              [randomUUID(), id, o.id, it.key, it.key, it.dimensionKey, it.redLine, o.id, o.path, deadline, verified ? 'verified' : 'open', verified ? new Date(at.getTime() + r() * 10 * 86_400_000) : null, at]
                .map(copyValue)
                .join('\t') + '\n',
            );
          }
        }
      }
    }
  }
  const loadStart = performance.now();
  await copyIn(db, 'inspection', ['id', 'outlet_id', 'outlet_path', 'template_id', 'inspector_id', 'scenario', 'kind', 'planned_date', 'visit_date', 'status', 'answers', 'total', 'points_achieved', 'points_possible', 'passed', 'red_line_failed', 'created_by', 'submitted_at', 'reviewed_at'], visits);
  await copyIn(db, 'inspection_dimension_score', ['inspection_id', 'dimension_key', 'achieved', 'possible'], dims);
  await copyIn(db, 'inspection_item_score', ['inspection_id', 'item_key', 'achieved', 'possible', 'failed'], items);
  await copyIn(db, 'rectification', ['id', 'inspection_id', 'outlet_id', 'item_key', 'item_text', 'dimension_key', 'red_line', 'owner_unit_id', 'owner_path', 'deadline', 'status', 'verified_at', 'opened_at'], rects);
  await rebuildRollups(db);
  await db.query('ANALYZE');
  log(`loaded ${visits.length} visits, ${items.length} item rows, ${dims.length} dimension rows, ${rects.length} rectifications in ${ms(performance.now() - loadStart)}`);

  const from = day(quarterStart(QUARTERS - 1));
  const to = day(new Date(Date.now() + 8 * 3600_000));
  const results: string[] = [];
  // Whole quarters read the quarter roll-ups; the days of a period outside whole quarters read the visits themselves.
  const cut = day(new Date(quarterStart(QUARTERS - 1).getTime() + 86_400_000));
  const thisQuarter = [day(new Date(quarterStart(0).getTime() + 86_400_000)), to].sort()[0];
  for (const [groupBy, start, what] of [
    ['branch', from, 'whole quarters'],
    ['quarter', from, 'whole quarters'],
    ['outlet', from, 'whole quarters'],
    ['branch', cut, 'from the 2nd day of the first quarter (its other days from the visits, the rest from roll-ups)'],
    ['outlet', thisQuarter, 'from the 2nd day of this quarter (visits only)'],
  ] as const) {
    const t = await timings(RUNS, 2, async () => void (await client.request('GET', `/api/inspections/analysis?from=${start}&to=${to}&groupBy=${groupBy}`, admin)));
    results.push(`analysis groupBy=${groupBy}, ${what}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)}, max ${ms(t.max)} (${t.runs} runs; target ≤ 300 ms)`);
    log(results.at(-1)!);
  }

  const visitBody = (n: number) => ({
    outletId: outlets[n % outlets.length].id,
    templateId: draft.id,
    scenario: '基准',
    idempotencyKey: `bench-${n}-${randomUUID()}`,
    visitDate: to,
    answers: answersOf(prng(n + 1000)),
  });
  // Warm-up, not timed: the first submits compile the service's code paths and fill the connection pools and plan caches.
  for (let n = 0; n < 30; n++) await client.request('POST', '/api/inspections/log', inspector, visitBody(500_000 + n));
  const open = await openLoop(RATE, SECONDS, 200, async (n) => void (await client.request('POST', '/api/inspections/log', inspector, visitBody(n))));
  results.push(
    `submit of a 60-item visit at ${RATE}/s (open loop, ${SECONDS} s): ${open.ok} ok, ${open.failed} failed, p50 ${ms(open.p50)}, p95 ${ms(open.p95)}, p99 ${ms(open.p99)}, max ${ms(open.max)} (target p99 ≤ 100 ms)`,
  );
  log(results.at(-1)!);
  if (open.failed) log(`errors: ${JSON.stringify(open.errors)}`);
  const closed = await closedLoop(8, Math.min(SECONDS, 10), 10_000, async (n) => void (await client.request('POST', '/api/inspections/log', inspector, visitBody(100_000 + n))));
  results.push(`submit closed loop, 8 clients: ${closed.rate.toFixed(1)}/s, p50 ${ms(closed.p50)}, p99 ${ms(closed.p99)}`);
  log(results.at(-1)!);
  await db.end();
  console.log(`\ninspections benchmark (${OUTLETS} outlets × ${QUARTERS} quarters × ${VISITS} visits × 60 items)\n  ${results.join('\n  ')}`);
} finally {
  if (args['keep-db']) console.log(`databases kept: ${JSON.stringify(stack.dbUrls)}`);
  await stack.stop({ keepDatabases: args['keep-db'] });
}
