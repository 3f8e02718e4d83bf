/**
 * `npm start` robustness and `npm test` self-sufficiency, as far as they can be checked
 * without taking over the machine's port 3000 or its shared NATS: a taken port stops the
 * start script (and a gateway) with one line naming the port and the variable to change.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, dropTestDatabase, startPrivateNats, type PrivateNats } from '@xb/test-kit';
import { REPO_ROOT } from '../src/stack.js';

function run(script: string, env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Something else listening on a port, as another engineer's gateway would. */
function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    server.listen(0, '0.0.0.0', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').trim();

describe('npm start and npm test on their own', () => {
  let nats: PrivateNats;
  let taken: { server: Server; port: number };

  beforeAll(async () => {
    nats = await startPrivateNats();
    taken = await occupy();
  });

  afterAll(async () => {
    taken?.server.close();
    await nats?.stop();
  });

  it('npm start with PORT taken stops at once with one line naming the port and PORT, and never says the platform is up', async () => {
    const res = await run('infra/scripts/start.mjs', { PORT: String(taken.port), NATS_URL: nats.url, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(res.code).toBe(1);
    expect(strip(res.stderr)).toBe(`[start] port ${taken.port} is already in use; set PORT to choose another (PORT=3001 npm start)`);
    expect(res.stdout).not.toMatch(/platform is up/);
    expect(res.stdout).not.toMatch(/building/); // it stopped before doing anything
  });

  it('a gateway whose port is taken exits 1 with one line naming the port and PORT (no stack trace)', async () => {
    const dbUrl = await createTestDatabase('start_gw_port');
    try {
      const res = await run(join(REPO_ROOT, 'apps/gateway/dist/main.js'), {
        PORT: String(taken.port),
        NATS_URL: nats.url,
        DATABASE_URL: dbUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        AUDIT_CONSUMER: 'false',
        LOG_LEVEL: 'warn',
      });
      expect(res.code).toBe(1);
      const fatal = res.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .filter((l) => l.level >= 50);
      expect(fatal.map((l) => l.msg)).toEqual([`port ${taken.port} is already in use; set PORT to choose another`]);
      expect(res.stderr).not.toMatch(/EADDRINUSE/);
    } finally {
      await dropTestDatabase(dbUrl);
    }
  });

  it('npm test makes sure PostgreSQL, nats-server and Chromium with CJK fonts are there first, and .ci/run calls exactly npm test', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe('bash infra/scripts/ensure-infra.sh postgres nats-binary chromium');
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(ci.split('\n').filter((l) => /\bnpm (test|run test)\b/.test(l) && !l.trim().startsWith('#'))).toEqual(['npm test 2>&1 | tee "$log"']);
  });
});
