/**
 * Campaigns benchmark: `npm run bench:campaigns` (builds, then runs this file's compiled form).
 *
 *   node apps/e2e/dist/bench/campaigns-bench.js [--activities 100000] [--runs 20] [--import-rows 10000]
 *
 * Starts its own stack (private nats-server, fresh databases, gateway + campaigns service),
 * writes 300 outlets (10 branches) into the service's directory replica, 20 campaigns (the
 * four series over 5 years) and `--activities` verified activities spread over them with
 * one INSERT … SELECT, then measures through the gateway: campaign totals (by unit, the
 * tree roll-up, and by venue), the year summary, and the import of an `--import-rows` xlsx
 * file (all rows checked, one transaction). Prints each figure against its target
 * (totals ≤ 200 ms, import of 10,000 rows ≤ 10 s) and stops the stack.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DEMO_PASSWORD, startStack, type Stack } from '../stack.js';

const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    'import-rows': { type: 'string', default: '10000' },
  },
});
const ACTIVITIES = Math.min(1_000_000, Number(args.activities));
const RUNS = Math.min(1000, Number(args.runs));
const IMPORT_ROWS = Math.min(10_000, Number(args['import-rows']));
const SERIES = ['consumer_rights_day', 'financial_literacy_month', 'anti_fraud', 'knowledge_tour'];
const YEARS = [2022, 2023, 2024, 2025, 2026];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `median ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

let stack: Stack | undefined;
try {
  console.log(`campaigns bench: ${ACTIVITIES} activities, ${RUNS} runs, import ${IMPORT_ROWS} rows; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);
  stack = await startStack({ name: 'campaigns_bench', services: ['campaigns'], env: { campaigns: { LOG_LEVEL: 'warn' }, gateway: { LOG_LEVEL: 'warn' } } });
  const s = stack;
  const token = await s.login('admin', DEMO_PASSWORD);
  const [{ id: head, path: headPath }] = await s.sql<{ id: string; path: string }>('campaigns', `SELECT id, path FROM directory_org_unit WHERE code = 'HO'`);

  // 10 branches × 30 outlets in the replica, 10 staff each.
  const units: { id: string; code: string; name: string; type: string; parent: string; path: string; depth: number }[] = [];
  for (let b = 0; b < 10; b++) {
    const bid = randomUUID();
    units.push({ id: bid, code: `BB-${b}`, name: `压测分行${b}`, type: 'branch', parent: head, path: `${headPath}${bid}/`, depth: 1 });
    for (let o = 0; o < 30; o++) {
      const oid = randomUUID();
      units.push({ id: oid, code: `BO-${b}-${o}`, name: `压测网点${b}-${o}`, type: 'outlet', parent: bid, path: `${headPath}${bid}/${oid}/`, depth: 2 });
    }
  }
  await s.sql(
    'campaigns',
    `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version)
     SELECT u.id, u.code, u.name, u.type, u.parent, u.path, u.depth, 1 FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, code text, name text, type text, parent uuid, path text, depth int)`,
    [JSON.stringify(units)],
  );
  const outlets = units.filter((u) => u.type === 'outlet');
  await s.sql(
    'campaigns',
    `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version)
     SELECT gen_random_uuid(), 'bench' || o.code || '-' || n, 'bench', o.id, '{staff}', true, 1 FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, code text), generate_series(1, 10) n`,
    [JSON.stringify(outlets.map((o) => ({ id: o.id, code: o.code })))],
  );

  // 20 campaigns through the API (the rules apply), then the activities in one statement.
  const campaigns: { id: string; year: number }[] = [];
  for (const year of YEARS) {
    for (const [i, seriesKey] of SERIES.entries()) {
      const month = String(3 + i * 2).padStart(2, '0');
      const res = await request(s.baseUrl)
        .post('/api/campaigns')
        .set('Authorization', `Bearer ${token}`)
        .send({ seriesKey, year, name: `${seriesKey} ${year}`, startDate: `${year}-${month}-01`, endDate: `${year}-${month}-28`, orgUnitId: head, targets: [{ metric: 'sessions', value: 5000 }] });
      if (res.status !== 201) throw new Error(`campaign: ${res.status} ${JSON.stringify(res.body)}`);
      campaigns.push({ id: res.body.id, year });
    }
  }
  const t0 = performance.now();
  await s.sql(
    'campaigns',
    `WITH c AS (SELECT id, start_date, row_number() OVER (ORDER BY id) - 1 AS k FROM campaign),
          o AS (SELECT id, path, row_number() OVER (ORDER BY id) - 1 AS k FROM directory_org_unit WHERE type = 'outlet' AND code LIKE 'BO-%'),
          st AS (SELECT org_unit_id, array_agg(id) AS ids FROM directory_user GROUP BY 1)
     INSERT INTO campaign_activity (id, campaign_id, org_unit_id, org_unit_type, org_path, date, venue_type, target_groups, topics, sessions, staff_ids,
                                    materials, people_reached, online_views, eposters, status, reported_by, verified_by, verified_at)
     SELECT gen_random_uuid(), c.id, o.id, 'outlet', o.path, c.start_date + (g % 28), (ARRAY['outlet','community','school','rural','enterprise','business_district','media','online'])[1 + g % 8],
            ARRAY[(ARRAY['elderly','students','new_citizens','rural_residents','general_public'])[1 + g % 5]], ARRAY['防范电信网络诈骗'], 1 + g % 2,
            st.ids[1 + g % 10 : 3 + g % 10], 50 + g % 100, 100 + g % 400, CASE WHEN g % 8 = 7 THEN 1000 ELSE 0 END, g % 3 = 0, 'verified', o.id, o.id, now()
       FROM generate_series(0, $1::int - 1) g
       JOIN c ON c.k = g % 20
       JOIN o ON o.k = (g / 20) % 300
       JOIN st ON st.org_unit_id = o.id`,
    [ACTIVITIES],
  );
  await s.sql('campaigns', 'ANALYZE');
  console.log(`loaded ${ACTIVITIES} verified activities in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const get = (path: string) =>
    request(s.baseUrl)
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .then((r) => {
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
        return r;
      });
  const latest = campaigns.filter((c) => c.year === 2026);
  for (const groupBy of ['unit', 'venueType', 'week']) {
    await get(`/api/campaigns/${latest[0].id}/totals?groupBy=${groupBy}`); // warm-up
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) xs.push(await timed(() => get(`/api/campaigns/${latest[i % latest.length].id}/totals?groupBy=${groupBy}`)));
    console.log(`totals per campaign (groupBy=${groupBy}, ${ACTIVITIES / 20} activities each, 311 units, with year on year): ${fmt(xs)}  [target ≤ 200 ms]`);
  }
  const ys: number[] = [];
  for (let i = 0; i < RUNS; i++) ys.push(await timed(() => get(`/api/campaigns/summary?year=${YEARS[i % YEARS.length]}`)));
  console.log(`year summary (4 campaigns with year on year, ${ACTIVITIES / 5} activities): ${fmt(ys)}  [target ≤ 200 ms]`);

  // Import: 10,000 rows for this year's first campaign.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动上报');
  ws.addRow(['机构代码', '活动日期', '场所类型', '重点人群', '主题', '场次', '参与员工(用户名)', '发放资料', '受众人数', '线上浏览量', '电子海报', '活动简述']);
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const o = outlets[i % outlets.length];
    ws.addRow([o.code, `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, '进社区', '老年人', '个人征信', 1, `bench${o.code}-${1 + (i % 10)}`, 60, 120, 0, i % 2 ? '是' : '否', '']);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  let answer: request.Response | undefined;
  const importMs = await timed(async () => {
    answer = await request(s.baseUrl).post('/api/campaign-activities/import').set('Authorization', `Bearer ${token}`).field('campaignId', latest[0].id).field('verify', 'true').attach('file', file, { filename: 'bench.xlsx' });
  });
  if (answer?.status !== 200) throw new Error(`import: ${answer?.status} ${JSON.stringify(answer?.body).slice(0, 500)}`);
  console.log(`import of ${IMPORT_ROWS} rows (${(file.length / 1024).toFixed(0)} KB xlsx, verified, events written): ${(importMs / 1000).toFixed(2)} s  [target ≤ 10 s]; created ${answer.body.created}`);
} finally {
  await stack?.stop();
}
