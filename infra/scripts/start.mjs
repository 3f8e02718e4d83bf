#!/usr/bin/env node
/**
 * `npm start`: brings the whole platform up on this machine.
 *   1. PostgreSQL and NATS (JetStream): uses DATABASE_URL / NATS_URL when given; else starts
 *      local servers that are installed but stopped; else installs Debian's packages (root);
 *      else stops with a message naming what to install.
 *   2. Builds every workspace, creates each service's database and runs its migrations.
 *   3. Starts every service and the gateway (which serves the console), seeds demo data
 *      (idempotent), prints the URL and the logins. Ctrl-C stops what it started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runDir = join(root, '.run');
const logDir = join(runDir, 'logs');
mkdirSync(logDir, { recursive: true });

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is needed (this is ${process.version})`);

const PORT = Number(process.env.PORT ?? 3000);
const PG_BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Demo@2026';
const SERVICES = [{ name: 'complaints', app: 'complaints-service', db: 'xb_complaints' }];

const started = []; // child processes to stop on exit
let stopPostgres = null;

function log(msg) {
  process.stdout.write(`\x1b[36m[start]\x1b[0m ${msg}\n`);
}
function fail(msg) {
  process.stderr.write(`\x1b[31m[start] ${msg}\x1b[0m\n`);
  shutdown(1);
}

function dbUrl(name) {
  const url = new URL(PG_BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const s = connect(port, host);
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

async function waitFor(probe, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`timed out waiting for ${what}; logs are in ${logDir}`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${res.status})`);
}

/** Dev secrets made once and kept in .run/, so encrypted demo data stays readable across restarts. */
function secrets() {
  const file = join(runDir, 'dev-secrets.json');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      JSON.stringify({ JWT_SECRET: randomBytes(32).toString('hex'), PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(24).toString('hex') }, null, 2),
      { mode: 0o600 },
    );
  }
  const s = JSON.parse(readFileSync(file, 'utf8'));
  return {
    JWT_SECRET: process.env.JWT_SECRET ?? s.JWT_SECRET,
    PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY ?? s.PII_ENCRYPTION_KEY,
    PII_HASH_KEY: process.env.PII_HASH_KEY ?? s.PII_HASH_KEY,
  };
}

async function ensurePostgres() {
  const { hostname, port } = new URL(PG_BASE);
  if (await portOpen(hostname, Number(port || 5432))) return log(`PostgreSQL at ${hostname}:${port || 5432}`);
  if (process.env.DATABASE_URL) fail(`PostgreSQL at ${hostname}:${port || 5432} (DATABASE_URL) is not reachable`);
  log('PostgreSQL is not running: starting (or installing) it');
  run('bash', ['infra/scripts/ensure-infra.sh', 'postgres']);
  const ver = spawnSync('bash', ['-c', 'ls /etc/postgresql | sort -V | tail -1']).stdout.toString().trim();
  if (ver) stopPostgres = () => spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', ver, 'main', 'stop'], { stdio: 'ignore' });
}

async function ensureNats() {
  const { hostname, port } = new URL(NATS_URL);
  if (await portOpen(hostname, Number(port || 4222))) return log(`NATS at ${hostname}:${port || 4222}`);
  if (process.env.NATS_URL) fail(`NATS at ${NATS_URL} (NATS_URL) is not reachable`);
  run('bash', ['infra/scripts/ensure-infra.sh', 'nats-binary']);
  const bin = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
  const store = join(runDir, 'nats');
  mkdirSync(store, { recursive: true });
  log(`starting nats-server with JetStream on ${hostname}:${port || 4222} (store ${store})`);
  startProcess('nats', bin, ['-a', hostname, '-p', String(port || 4222), '-js', '-sd', store]);
  await waitFor(() => portOpen(hostname, Number(port || 4222)), 'nats-server');
}

function startProcess(name, cmd, args, env = {}) {
  const out = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      process.stderr.write(`\x1b[31m[start] ${name} exited (${signal ?? code}); see ${join(logDir, `${name}.log`)}\x1b[0m\n`);
      shutdown(1);
    }
  });
  started.push({ name, child });
  return child;
}

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const { child } of [...started].reverse()) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  await Promise.all(started.map(({ child }) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)));
  if (stopPostgres) stopPostgres();
  if (started.length) log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// 1. infrastructure
await ensurePostgres();
await ensureNats();

// 2. build, databases, migrations
log('building (turbo run build)…');
run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
const keys = secrets();
const common = { NATS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
const serviceEnv = Object.fromEntries(
  SERVICES.map((s) => [s.name, { ...common, DATABASE_URL: dbUrl(s.db), PII_ENCRYPTION_KEY: keys.PII_ENCRYPTION_KEY, PII_HASH_KEY: keys.PII_HASH_KEY }]),
);
const gatewayEnv = { ...common, DATABASE_URL: dbUrl('xb_gateway'), JWT_SECRET: keys.JWT_SECRET, PORT: String(PORT), SERVICES: SERVICES.map((s) => s.name).join(',') };
for (const s of SERVICES) {
  log(`migrating ${s.db}`);
  run(process.execPath, [`apps/${s.app}/dist/database/migrate.js`], { env: { ...process.env, ...serviceEnv[s.name] } });
}
log('migrating xb_gateway');
run(process.execPath, ['apps/gateway/dist/database/migrate.js'], { env: { ...process.env, ...gatewayEnv } });

// 3. services, gateway, seed
for (const s of SERVICES) startProcess(`${s.name}-service`, process.execPath, [`apps/${s.app}/dist/main.js`], serviceEnv[s.name]);
startProcess('gateway', process.execPath, ['apps/gateway/dist/main.js'], gatewayEnv);
const base = `http://127.0.0.1:${PORT}`;
await waitFor(async () => (await fetch(`${base}/api/health`)).status === 200, `${base}/api/health`);
log('seeding demo data (idempotent)…');
const directoryFile = join(runDir, 'demo-directory.json');
run(process.execPath, ['apps/gateway/dist/seed/seed.js'], { env: { ...process.env, ...gatewayEnv, DEMO_PASSWORD, DEMO_DIRECTORY_FILE: directoryFile, LOG_LEVEL: 'warn' } });
run(process.execPath, ['apps/complaints-service/dist/seed/load-demo.js'], {
  env: { ...process.env, ...serviceEnv.complaints, DEMO_DIRECTORY_FILE: directoryFile, DEMO_COMPLAINTS: process.env.DEMO_COMPLAINTS ?? '50', LOG_LEVEL: 'warn' },
});

const users = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff', 'handler.my', 'handler.biz', 'handler.tel'];
process.stdout.write(`
  消保 platform is up.

  Console   ${base}/
  API       ${base}/api   (OpenAPI: ${base}/api/docs)
  Logins    ${users.join(', ')}   password: ${DEMO_PASSWORD}
  Logs      ${logDir}

  Ctrl-C stops everything this command started.
`);
