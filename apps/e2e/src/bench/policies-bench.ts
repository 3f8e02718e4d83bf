/**
 * Benchmark of the policies service (issue #10; not part of the test run):
 *
 *   npm run bench:policies          (builds, then node apps/e2e/dist/bench/policies-bench.js)
 *
 * On a private stack (gateway + policies service, real PostgreSQL and NATS):
 *  1. an audience of 20,000 users in 100 outlets under 资阳分行, written into the gateway's
 *     tables and the service's directory replica alike (as the snapshot would);
 *  2. a material version published to them through the gateway (two sign-offs);
 *  3. 20,000 acknowledgements through the gateway from 200 concurrent clients (one signed
 *     token per user): throughput and latency percentiles;
 *  4. 80,000 more acknowledgements of other versions (100,000 in all), then the
 *     acknowledgement-rate query by unit through the gateway (median and max of 10);
 *  5. the diff of two ~100,000-character versions through the gateway (median of 5).
 * Targets on the 2-core build machine: rate query ≤ 200 ms, diff ≤ 500 ms.
 * ACK_USERS / ACK_CLIENTS / ACK_COUNT (acknowledgements sent through the gateway) override the sizes.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './measure.js';
import { api, startStack } from '../stack.js';

const USERS = Number(process.env.ACK_USERS ?? 20_000);
const CLIENTS = Number(process.env.ACK_CLIENTS ?? 200);
/** How many of the audience acknowledge through the gateway (the rest of the 100,000 rows are written directly). */
const ACKS = Math.min(USERS, Number(process.env.ACK_COUNT ?? USERS));
const OUTLETS = 100;
const EXTRA_ACKS = 80_000;

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (secret: string, sub: string) => {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function post(url: string, token: string, body: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const article = (i: number, variant: number) =>
  `第${i}条 ${'各分支机构应当建立健全消费者权益保护工作机制，对客户投诉应当在十五日内作出处理决定并告知客户'.slice(0, 30 + ((i * 7) % 20))}${variant && i % 6 === 0 ? '，情况复杂的可以延长至三十日' : ''}，𠮷字等生僻字姓名应当完整录入（第${i % 9}款）。`;
const bigVersion = (variant: number) => {
  const lines: string[] = ['# 客户投诉管理办法（压测）'];
  let n = 0;
  for (let i = 1; lines.join('\n').length < 100_000; i++) {
    if (variant && i === 5) lines.push(`第${++n}条 新增条款：营业网点应当公示投诉渠道。`);
    lines.push(article(i, variant).replace(/^第\d+条/, `第${++n}条`));
  }
  return lines.join('\n\n');
};

const stack = await startStack({ name: 'policies_bench', services: ['policies'], env: { gateway: { LOG_LEVEL: 'warn' }, policies: { LOG_LEVEL: 'warn' } } });
try {
  const units = Object.fromEntries((await stack.sql<{ id: string; code: string; path: string }>('gateway', 'SELECT id, code, path FROM org_unit')).map((r) => [r.code, r]));
  const zy = units['BR-ZY'];
  // 1. the audience: 100 outlets under 资阳分行, 200 users each, in both databases.
  const outlets = Array.from({ length: OUTLETS }, (_, i) => ({ id: randomUUID(), code: `BENCH-${i}`, name: `压测网点${i}` }));
  const paths = outlets.map((o) => `${zy.path}${o.id}/`);
  await stack.sql('gateway', `INSERT INTO org_unit (id, code, name, type, parent_id, path, depth) SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), 'outlet', $4, unnest($5::text[]), 2`, [outlets.map((o) => o.id), outlets.map((o) => o.code), outlets.map((o) => o.name), zy.id, paths]);
  await stack.sql('policies', `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version) SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), 'outlet', $4, unnest($5::text[]), 2, 1`, [outlets.map((o) => o.id), outlets.map((o) => o.code), outlets.map((o) => o.name), zy.id, paths]);
  const users = Array.from({ length: USERS }, (_, i) => ({ id: randomUUID(), username: `bench${i}`, unit: outlets[i % OUTLETS].id }));
  for (let i = 0; i < users.length; i += 5000) {
    const chunk = users.slice(i, i + 5000);
    const args = [chunk.map((u) => u.id), chunk.map((u) => u.username), chunk.map((u) => u.unit)];
    await stack.sql('gateway', `INSERT INTO app_user (id, username, display_name, password_hash, org_unit_id, roles) SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($2::text[]), 'x', unnest($3::uuid[]), '{staff}'`, args);
    await stack.sql('policies', `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version) SELECT unnest($1::uuid[]), unnest($2::text[]), unnest($2::text[]), unnest($3::uuid[]), '{staff}', true, 1`, args);
  }

  // 2. a document for 资阳分行's subtree, a material version published with two sign-offs.
  const admin = api(stack.baseUrl, await stack.login('admin'));
  const auditor = api(stack.baseUrl, await stack.login('auditor'));
  const doc = (await admin.post('/api/policy-documents', { code: 'XB-BENCH-1', title: '客户投诉管理办法（压测）', kind: 'policy', ownerUnitId: units['HO-CPO'].id, reviewCycleMonths: 12, requiresAcknowledgement: true, audienceUnitIds: [zy.id], approvalRule: [{ role: 'auditor', count: 1 }] })).body;
  const createVersion = async (content: string) => {
    const v = (await admin.post('/api/policy-versions', { documentId: doc.id, content, changeSummary: '压测', material: true })).body;
    await admin.post(`/api/policy-versions/${v.id}/submit`);
    await auditor.post(`/api/policy-versions/${v.id}/review`, { verdict: 'approve', contentHash: v.contentHash });
    const published = await admin.post(`/api/policy-versions/${v.id}/publish`);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
    return published.body as { id: string; contentHash: string };
  };
  const v1 = await createVersion(bigVersion(0));

  // 3. acknowledgements from CLIENTS concurrent clients.
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < ACKS; i = next++) {
        const started = performance.now();
        const status = await post(`${stack.baseUrl}/api/policy-versions/${v1.id}/acknowledge`, jwt(stack.jwtSecret, users[i].id), { contentHash: v1.contentHash });
        if (status === 200) latencies.push(performance.now() - started);
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`acknowledge: ${latencies.length} ok, ${failed} failed in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(0)}/s with ${CLIENTS} clients; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);

  // 4. 80,000 more acknowledgements (other acknowledgement bases), then the rate query.
  // The audience members who did not acknowledge through the gateway (ACK_COUNT < ACK_USERS), written directly.
  if (ACKS < USERS) {
    await stack.sql('policies', `INSERT INTO policy_ack (id, document_id, version_id, basis_id, user_id, content_hash, at, late) SELECT gen_random_uuid(), $1, $2, $2, u, $3, now(), false FROM unnest($4::uuid[]) u`, [doc.id, v1.id, v1.contentHash, users.slice(ACKS).map((u) => u.id)]);
  }
  for (let b = 0; b < EXTRA_ACKS / USERS; b++) {
    await stack.sql('policies', `INSERT INTO policy_ack (id, document_id, version_id, basis_id, user_id, content_hash, at, late) SELECT gen_random_uuid(), $1, $2, $3, u, 'x', now(), false FROM unnest($4::uuid[]) u`, [doc.id, v1.id, randomUUID(), users.map((u) => u.id)]);
  }
  await stack.sql('policies', 'ANALYZE');
  const [{ n }] = await stack.sql<{ n: number }>('policies', 'SELECT count(*)::int AS n FROM policy_ack');
  const rateTimes: number[] = [];
  let rates: { audience: number; acknowledged: number; units: unknown[] } | undefined;
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const res = await auditor.get(`/api/policy-acknowledgements/rates?documentId=${doc.id}`);
    rateTimes.push(performance.now() - started);
    rates = res.body;
  }
  rateTimes.sort((a, b) => a - b);
  console.log(`rates by unit: audience ${rates!.audience}, acknowledged ${rates!.acknowledged}, ${rates!.units.length} units, ${n} acknowledgements in the table; median ${percentile(rateTimes, 50).toFixed(0)} ms, max ${rateTimes[rateTimes.length - 1].toFixed(0)} ms (target ≤ 200 ms)`);

  // 5. the diff of two ~100,000-character versions.
  const v2 = await createVersion(bigVersion(1));
  const diffTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await auditor.get(`/api/policy-versions/${v2.id}/diff?against=${v1.id}`);
    diffTimes.push(performance.now() - started);
    rows = res.body.diff.rows.length;
  }
  diffTimes.sort((a, b) => a - b);
  console.log(`diff: ${bigVersion(0).length} vs ${bigVersion(1).length} characters, ${rows} rows; median ${percentile(diffTimes, 50).toFixed(0)} ms, max ${diffTimes[diffTimes.length - 1].toFixed(0)} ms through the gateway (target ≤ 500 ms)`);
} finally {
  agent.destroy();
  await stack.stop();
}
