/**
 * Complaints benchmark: `npm run bench` (builds, then runs this file's compiled form).
 *
 *   node apps/e2e/dist/bench/complaints-bench.js [--rows 1000000] [--seconds 20] [--concurrency 64]
 *
 * Starts its own stack (private nats-server, fresh databases, one complaints service, one
 * gateway), loads `--rows` complaints spread over two years with COPY (valid PII sealed
 * with the stack's key), then measures through the running gateway:
 *   - intake: POST /api/complaints from `--concurrency` clients for `--seconds`;
 *   - lists: a handler's scoped queries and an admin's, page of 25, serial;
 *   - analysis: a quarter and a year, serial; and the quarterly report;
 * and, in the same run, the raw rate of the same write (complaint row + outbox row in one
 * transaction) straight into PostgreSQL from a pg Pool at the same concurrency. Prints
 * every figure, the intake/raw ratio and each target. Loopback only; every loop is
 * bounded in time and count; the stack is stopped at the end.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PiiVault } from '@xb/complaints-service/dist/complaints/pii.js';
import pg from 'pg';
import { startStack, type Stack } from '../stack.js';
import { bulkLoad, columnValue, complaintColumns } from './bulk-load.js';
import { ComplaintGenerator, customerPool, DAY_MS, dueAfterDays, prng, type BenchUnit, type GeneratedComplaint } from './generate.js';
import { cpuMeter, describeCpu } from './cpu.js';
import { closedLoop, GatewayClient, ms, openLoop, timings, type LoadResult } from './measure.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '64' },
    'list-runs': { type: 'string', default: '100' },
    'analysis-runs': { type: 'string', default: '10' },
    /** Leave the databases behind (their URLs are printed) to study query plans afterwards. */
    'keep-databases': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const LIST_RUNS = Number(args['list-runs']);
const ANALYSIS_RUNS = Number(args['analysis-runs']);
for (const [name, v, max] of [
  ['rows', ROWS, 5_000_000],
  ['seconds', SECONDS, 300],
  ['concurrency', CONCURRENCY, 256],
  ['list-runs', LIST_RUNS, 10_000],
  ['analysis-runs', ANALYSIS_RUNS, 1000],
] as const) {
  if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
}
/** Hard caps so no phase can run away: intake and raw stop at this many operations whatever the clock says. */
const MAX_OPS = SECONDS * 10_000;
const HISTORY_DAYS = 730;

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The demo tree plus what a city bank has: 大英支行, four more sub-branches and sixty outlets. */
async function buildOrgTree(stack: Stack, client: GatewayClient, admin: string): Promise<BenchUnit[]> {
  const list = async () => JSON.parse((await client.request('GET', '/api/org-units?range=[0,499]', admin)).toString()) as { id: string; code: string; name: string; type: string; path: string }[];
  let units = await list();
  const byCode = () => Object.fromEntries(units.map((u) => [u.code, u]));
  const create = (code: string, name: string, type: string, parentId: string) => client.request('POST', '/api/org-units', admin, { code, name, type, parentId }, 201);
  const extraSub = [
    ['SB-DY', '大英支行', 'BR-MY'],
    ['SB-CX', '船山支行', 'BR-MY'],
    ['SB-SN', '射洪南支行', 'BR-MY'],
    ['SB-YL', '雁江支行', 'BR-ZY'],
    ['SB-AY', '安岳支行', 'BR-ZY'],
  ];
  for (const [code, name, parent] of extraSub) if (!byCode()[code]) await create(code, name, 'sub_branch', byCode()[parent].id);
  units = await list();
  const subs = units.filter((u) => u.type === 'sub_branch');
  for (let i = 0; i < 60; i++) {
    const parent = subs[i % subs.length];
    const code = `OT-B${String(i + 1).padStart(2, '0')}`;
    if (!byCode()[code]) await create(code, `${parent.name.replace('支行', '')}第${i + 1}网点`, 'outlet', parent.id);
  }
  units = await list();
  // Shares as in the seed summary's quarter: 总行营业部 ~44 %, the 96677 centre ~9 %, other
  // head-office departments ~21 %, branches and everything below them ~26 %.
  const weight = (u: { code: string; type: string }) =>
    ({ 'HO-BIZ': 440, 'HO-TEL': 90, 'HO-RET': 150, 'HO-CPO': 30, 'HO-CMP': 30, HO: 0 })[u.code] ??
    ({ branch: 15, sub_branch: 18, outlet: 1.5, department: 5 } as Record<string, number>)[u.type] ??
    1;
  void stack;
  return units.map((u) => ({ id: u.id, code: u.code, name: u.name, path: u.path, weight: weight(u) })).filter((u) => u.weight > 0);
}

/** Waits until the outbox is published and the audit log stops growing, so one phase's tail does not run into the next. */
async function settle(stack: Stack): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const [{ pending }] = await stack.sql<{ pending: number }>('complaints', `SELECT count(*)::int AS pending FROM outbox_event WHERE published_at IS NULL`);
    const [{ audit }] = await stack.sql<{ audit: number }>('gateway', `SELECT count(*)::int AS audit FROM audit_log`);
    if (audit !== last) {
      last = audit;
      stableSince = Date.now();
    }
    if (pending === 0 && Date.now() - stableSince > 2000) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  log('  (outbox/audit still busy after 180 s; going on)');
}

function describeLoad(name: string, r: LoadResult): string {
  const errors = Object.entries(r.errors)
    .map(([e, n]) => `\n      ${n} × ${e}`)
    .join('');
  return `${name}: ${fmt(r.ok)} ok, ${r.failed} failed in ${r.seconds.toFixed(1)} s → ${r.rate.toFixed(0)}/s; latency p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, max ${ms(r.max)}${errors}`;
}

async function main(): Promise<void> {
  log(`complaints benchmark: ${fmt(ROWS)} rows, ${SECONDS} s per load phase, ${CONCURRENCY} clients`);
  // Other work on the machine skews every figure: say how busy it was.
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
  const loadAtStart = load();
  const stack = await startStack({
    name: 'bench',
    // Per-request info logs would be written through this process's pipes; warnings and errors still are.
    env: { complaints: { LOG_LEVEL: 'warn' }, gateway: { LOG_LEVEL: 'warn' } },
  });
  // Ctrl-C or SIGTERM: stop what this run started (services, nats-server, databases), then leave.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the stack`);
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const client = new GatewayClient(stack.baseUrl, CONCURRENCY);
  const results: string[] = [];
  const verdicts: [string, boolean][] = [];
  try {
    const admin = await stack.login('admin');
    const handler = await stack.login('handler');
    const units = await buildOrgTree(stack, client, admin);
    log(`org tree: ${units.length} units with complaints`);
    const [responder] = await stack.sql<{ id: string; username: string }>('gateway', `SELECT id, username FROM app_user WHERE username = 'admin'`);
    const vault = new PiiVault(stack.piiKeys.encryptionKey, stack.piiKeys.hashKey);
    const customers = customerPool(3000, vault);

    log(`loading ${fmt(ROWS)} complaints with COPY`);
    const bulk = await bulkLoad(stack.complaintsDbUrl, units, customers, responder, ROWS, HISTORY_DAYS, log);
    results.push(
      `bulk load: ${fmt(ROWS)} rows — COPY ${bulk.copySeconds.toFixed(1)} s (${fmt(ROWS / bulk.copySeconds)} rows/s), indexes ${bulk.indexSeconds.toFixed(1)} s, roll-up ${bulk.rollupSeconds.toFixed(1)} s, vacuum/analyze ${bulk.vacuumSeconds.toFixed(1)} s`,
    );
    const [{ n: statsRows }] = await stack.sql<{ n: number }>('complaints', `SELECT count(*)::int AS n FROM complaint_daily_stats`);
    results.push(`roll-up rows (bank day × unit): ${fmt(statsRows)}`);
    // The bulk rows carry real ciphertexts: the audited reveal decrypts one.
    const pii = JSON.parse((await client.request('GET', `/api/complaints/${bulk.sample.id}/pii`, admin)).toString()) as { customerName: string; customerPhone: string };
    const decrypts = pii.customerName === bulk.sample.customer.name && pii.customerPhone === bulk.sample.customer.phone;
    results.push(`bulk rows' PII decrypts through GET /api/complaints/:id/pii: ${decrypts ? 'yes' : 'NO'}`);
    if (!decrypts) throw new Error('bulk-loaded PII does not decrypt');

    const generator = new ComplaintGenerator(new Date(), HISTORY_DAYS, units, customers);
    const r = prng(42);

    // --- the raw write straight into PostgreSQL (first: its 64 connections fit beside the idle app pools) ---
    const columns = await (async () => {
      const c = new pg.Client({ connectionString: stack.complaintsDbUrl });
      await c.connect();
      try {
        return await complaintColumns(c);
      } finally {
        await c.end();
      }
    })();
    // One connection per client, all opened before the clock starts, so the phase measures inserts, not connecting.
    const connections: pg.Client[] = [];
    try {
      for (let i = 0; i < CONCURRENCY; i++) {
        const c = new pg.Client({ connectionString: stack.complaintsDbUrl });
        connections.push(c);
        await c.connect();
      }
    } catch (err) {
      await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
      throw new Error(`could not open ${CONCURRENCY} PostgreSQL connections for the raw phase (max_connections shared with other work?): ${(err as Error).message}`, { cause: err });
    }
    const idle = [...connections];
    const insertComplaint = `INSERT INTO complaint (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    const rr = prng(4242);
    let seq = 50_000_000;
    let rawCpu = '';
    const raw = await (async () => {
      log(`raw: ${CONCURRENCY} pg clients for ${SECONDS} s (BEGIN; INSERT complaint; INSERT outbox_event; COMMIT)`);
      await closedLoop(CONCURRENCY, 3, 2000, rawOnce);
      const cpu = cpuMeter({});
      const result = await closedLoop(CONCURRENCY, SECONDS, MAX_OPS, rawOnce);
      rawCpu = describeCpu(cpu(), result.ok);
      return result;
      async function rawOnce(): Promise<void> {
        const now = new Date();
        const base = generator.make(rr, randomUUID(), seq++);
        // A new complaint as intake writes it: received now, open, due in 15 days.
        const c: GeneratedComplaint = { ...base, status: 'received', receivedAt: now, dueAt: dueAfterDays(now.getTime(), 15), extensionLevel: 0, resolvedAt: null, repliedAt: null, closedAt: null, satisfaction: null, outcome: null, assignedAt: null };
        // closedLoop never runs more ops than clients, so one is always free.
        const conn = idle.pop()!;
        try {
          await conn.query('BEGIN');
          await conn.query(insertComplaint, columns.map((col) => columnValue(c, col, responder)));
          // Marked published so the service's relay leaves these rows alone while the raw phase runs.
          await conn.query(`INSERT INTO outbox_event (id, subject, payload, correlation_id, published_at) VALUES ($1, $2, $3, $4, now())`, [
            randomUUID(),
            'events.complaints.complaint.received',
            JSON.stringify({ id: randomUUID(), name: 'complaints.complaint.received', aggregateType: 'complaint', aggregateId: c.id, orgPath: c.unit.path, occurredAt: now.toISOString(), actor: responder, payload: { id: c.id, reference: c.reference, channel: c.channel } }),
            null,
          ]);
          await conn.query('COMMIT');
        } catch (err) {
          await conn.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          idle.push(conn);
        }
      }
    })();
    await Promise.all(connections.map((c) => c.end()));
    results.push(describeLoad('raw INSERT complaint + outbox_event in one transaction (pg connections)', raw), `  ${rawCpu}`);

    // --- intake through the gateway -------------------------------------------------------
    log('intake warm-up');
    await closedLoop(16, 5, 300, async (n) => void (await client.request('POST', '/api/complaints', admin, generator.intakeBody(r, 900_000 + n), 201)));
    await settle(stack);
    log(`intake: ${CONCURRENCY} clients for ${SECONDS} s`);
    const parts = Object.fromEntries(stack.processes.map((p) => [p.name.replace(/^bench-/, ''), p.child.pid]));
    const intakeStarted = new Date();
    const intakeCpu = cpuMeter({ ...parts, 'nats-server': stack.nats.pid });
    const intake = await closedLoop(CONCURRENCY, SECONDS, MAX_OPS, async (n) => void (await client.request('POST', '/api/complaints', admin, generator.intakeBody(r, n), 201)));
    results.push(describeLoad('intake POST /api/complaints (gateway → NATS → service → PostgreSQL)', intake), `  ${describeCpu(intakeCpu(), intake.ok)}`);
    log('waiting for the outbox and the audit log to catch up');
    await settle(stack);
    // Rows written by one transaction share its start time (created_at), rows marked by one relay pass their published_at.
    const [grouping] = await stack.sql<{ complaints: number; transactions: number; events: number; passes: number }>(
      'complaints',
      `SELECT (SELECT count(*)::int FROM complaint WHERE created_at >= $1) AS complaints, (SELECT count(DISTINCT created_at)::int FROM complaint WHERE created_at >= $1) AS transactions,
              (SELECT count(*)::int FROM outbox_event WHERE created_at >= $1) AS events, (SELECT count(DISTINCT published_at)::int FROM outbox_event WHERE created_at >= $1) AS passes`,
      [intakeStarted],
    );
    results.push(
      `  group commit: ${fmt(grouping.complaints)} intakes in ${fmt(grouping.transactions)} transactions (${(grouping.complaints / Math.max(1, grouping.transactions)).toFixed(1)} per transaction); outbox relay: ${fmt(grouping.events)} events in ${fmt(grouping.passes)} passes`,
    );

    // The same intake at a steady half of that throughput: the latency a request sees when the
    // system is busy but not saturated (a closed loop at saturation only measures its queue).
    const steadyRate = Math.max(10, Math.round(intake.rate / 2));
    log(`intake, open loop: ${steadyRate} requests/s for ${SECONDS} s`);
    await settle(stack);
    const steady = await openLoop(steadyRate, SECONDS, 1024, async (n) => void (await client.request('POST', '/api/complaints', admin, generator.intakeBody(r, 2_000_000 + n), 201)));
    results.push(describeLoad(`intake at a steady ${steadyRate}/s (open loop, half the closed-loop rate)`, steady));
    await settle(stack);

    // --- lists ----------------------------------------------------------------------------
    const unitId = (code: string) => units.find((u) => u.code === code)!.id;
    const since = new Date(Date.now() - 90 * DAY_MS).toISOString().slice(0, 10);
    const q = (filter: object, sort: [string, string]) =>
      `/api/complaints?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent(JSON.stringify(sort))}`;
    const listMixes: Record<string, { token: string; queries: [string, string][] }> = {
      'handler (资阳分行 subtree)': {
        token: handler,
        queries: [
          ['default list, newest first', q({}, ['receivedAt', 'DESC'])],
          ['open work queue by due date', q({ status: ['received', 'assigned', 'in_progress'] }, ['dueAt', 'ASC'])],
          ['12345 in the last 90 days', q({ channel: 'hotline_12345', receivedFrom: since }, ['receivedAt', 'DESC'])],
        ],
      },
      admin: {
        token: admin,
        queries: [
          ['default list, newest first', q({}, ['receivedAt', 'DESC'])],
          ['status received by due date', q({ status: 'received' }, ['dueAt', 'ASC'])],
          ['绵阳分行 subtree, loans', q({ orgUnitId: unitId('BR-MY'), businessCategory: 'loan' }, ['receivedAt', 'DESC'])],
        ],
      },
    };
    for (const [who, mix] of Object.entries(listMixes)) {
      const all: number[] = [];
      for (const [what, path] of mix.queries) {
        const samples: number[] = [];
        await timings(LIST_RUNS, 5, async (i) => {
          const s = performance.now();
          await client.request('GET', path, mix.token);
          if (i >= 0) samples.push(performance.now() - s);
        });
        samples.sort((a, b) => a - b);
        all.push(...samples);
        results.push(`list ${who} — ${what}: p50 ${ms(samples[Math.floor(samples.length / 2)])}, p95 ${ms(samples[Math.ceil(samples.length * 0.95) - 1])}`);
      }
      all.sort((a, b) => a - b);
      const p95 = all[Math.ceil(all.length * 0.95) - 1];
      results.push(`list ${who} — all ${all.length} requests: p95 ${ms(p95)}`);
      verdicts.push([`list p95 ≤ 50 ms (${who}): ${ms(p95)}`, p95 <= 50]);
    }

    // --- analysis -------------------------------------------------------------------------
    const today = new Date();
    const quarterIndex = Math.floor(today.getUTCMonth() / 3);
    const lastQuarter = quarterIndex === 0 ? { year: today.getUTCFullYear() - 1, quarter: 4 } : { year: today.getUTCFullYear(), quarter: quarterIndex };
    const qFrom = `${lastQuarter.year}-${String((lastQuarter.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    const qTo = new Date(Date.UTC(lastQuarter.year, lastQuarter.quarter * 3, 0)).toISOString().slice(0, 10);
    const lastYear = today.getUTCFullYear() - 1;
    const analyses: [string, string, string][] = [
      [`admin, quarter ${lastQuarter.year}Q${lastQuarter.quarter}`, admin, `/api/complaints/analysis?from=${qFrom}&to=${qTo}`],
      [`admin, year ${lastYear}`, admin, `/api/complaints/analysis?from=${lastYear}-01-01&to=${lastYear}-12-31`],
      [`handler, year ${lastYear}`, handler, `/api/complaints/analysis?from=${lastYear}-01-01&to=${lastYear}-12-31`],
      [`admin, 5 years (longest allowed)`, admin, `/api/complaints/analysis?from=${lastYear - 3}-01-01&to=${lastYear + 1}-12-31`],
      [`admin, quarterly report xlsx`, admin, `/api/complaints/reports/quarterly?year=${lastQuarter.year}&quarter=${lastQuarter.quarter}&format=xlsx`],
      [`admin, quarterly report html`, admin, `/api/complaints/reports/quarterly?year=${lastQuarter.year}&quarter=${lastQuarter.quarter}&format=html`],
    ];
    let yearTotal = 0;
    for (const [what, token, path] of analyses) {
      const t = await timings(ANALYSIS_RUNS, 2, async () => void (await client.request('GET', path, token)));
      results.push(`analysis ${what}: p50 ${ms(t.p50)}, max ${ms(t.max)} (${t.runs} runs)`);
      if (what === `admin, year ${lastYear}`) {
        const body = JSON.parse((await client.request('GET', path, token)).toString()) as { total: number };
        yearTotal = body.total;
        verdicts.push([`yearly analysis ≤ 500 ms: p50 ${ms(t.p50)}, max ${ms(t.max)}`, t.max <= 500]);
      }
    }
    results.push(`(the year ${lastYear} holds ${fmt(yearTotal)} complaints)`);

    const ratio = intake.rate / raw.rate;
    results.push(`intake / raw = ${intake.rate.toFixed(0)} / ${raw.rate.toFixed(0)} = ${ratio.toFixed(2)}`);
    verdicts.unshift([`intake p99 ≤ 50 ms: ${ms(intake.p99)}`, intake.p99 <= 50]);
    verdicts.unshift([`intake ≥ 0.4 × raw: ${ratio.toFixed(2)}`, ratio >= 0.4]);
  } finally {
    client.close();
    log('stopping the stack');
    await stack.stop({ keepDatabases: args['keep-databases'] });
    if (args['keep-databases']) log(`databases kept: ${stack.complaintsDbUrl} ${stack.gatewayDbUrl}`);
  }
  console.log(`\nmachine: ${cpus().length} cores; load average (1/5/15 min) ${loadAtStart} at start, ${load()} at the end`);
  console.log('\n=== results ===');
  for (const line of results) console.log(`  ${line}`);
  console.log('\n=== targets (2-core machine) ===');
  for (const [line, ok] of verdicts) console.log(`  ${ok ? 'MET   ' : 'MISSED'} ${line}`);
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
