#!/usr/bin/env node
/**
 * `npm start`: brings the whole platform up on this machine.
 *   1. PostgreSQL and NATS (JetStream): uses DATABASE_URL / NATS_URL when given; else starts
 *      local servers that are installed but stopped; else installs Debian's packages (root);
 *      else stops with a message naming what to install.
 *   2. Builds every workspace, creates each service's database and runs its migrations.
 *   3. Starts every service and the gateway (which serves the console), seeds demo data
 *      (idempotent), and prints the URL and the logins only once every service answers the
 *      gateway's health check and the demo data is loaded. Ctrl-C stops what it started.
 * The services come from the registry (packages/contracts/src/registry.ts, read from its
 * build after step 2): a new service needs no change here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runDir = join(root, '.run');
const logDir = join(runDir, 'logs');
mkdirSync(logDir, { recursive: true });

const PORT = Number(process.env.PORT ?? 3000);
const PG_BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'Demo@2026';

const started = []; // child processes to stop on exit
let shuttingDown = false;
let stopPostgres = null;

function log(msg) {
  process.stdout.write(`\x1b[36m[start]\x1b[0m ${msg}\n`);
}
/** Prints one line and stops here: what was started is signalled, nothing after this runs. */
function fail(msg) {
  process.stderr.write(`\x1b[31m[start] ${msg}\x1b[0m\n`);
  shuttingDown = true;
  for (const { child } of started) if (child.exitCode === null) child.kill('SIGTERM');
  if (stopPostgres) stopPostgres();
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is needed (this is ${process.version})`);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) fail(`PORT=${process.env.PORT} is not a port number`);

/** DATABASE_SUFFIX (e.g. `_mine`) keeps a second platform on a shared server apart from the first. */
const DB_SUFFIX = process.env.DATABASE_SUFFIX ?? '';
if (!/^[a-z0-9_]*$/.test(DB_SUFFIX)) fail(`DATABASE_SUFFIX=${DB_SUFFIX} may hold only a-z, 0-9 and _`);

function dbUrl(name) {
  const url = new URL(PG_BASE);
  url.pathname = `/${name}${DB_SUFFIX}`;
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

/**
 * Dev secrets made once and kept in .run/, so encrypted demo data stays readable across
 * restarts: the gateway's JWT_SECRET plus every secret a registered service names (made by
 * its recipe the first time it is needed). The environment wins over the file.
 */
function secrets(services) {
  const file = join(runDir, 'dev-secrets.json');
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const recipes = { JWT_SECRET: { kind: 'hex', bytes: 32 }, ...Object.assign({}, ...services.map((s) => s.secrets ?? {})) };
  let changed = !existsSync(file);
  for (const [key, recipe] of Object.entries(recipes)) {
    if (stored[key] === undefined) {
      stored[key] = randomBytes(recipe.bytes).toString(recipe.kind);
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(Object.keys(recipes).map((key) => [key, process.env[key] ?? stored[key]]));
}

/** True when nothing listens on the port (tries to bind it, as the gateway will). */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
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
  const logFile = join(logDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Two sources into one file: neither may end it, or the other's last lines throw
  // ERR_STREAM_WRITE_AFTER_END. The file is closed once the child is gone.
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  child.on('close', () => out.end());
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      process.stderr.write(`\x1b[31m[start] ${name} exited (${signal ?? code}): ${lastLogLine(logFile)}\n        full log: ${logFile}\x1b[0m\n`);
      shutdown(1);
    }
  });
  started.push({ name, child });
  return child;
}

/** The last message the app logged (pino JSON or plain text), for a one-line reason. */
function lastLogLine(file) {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(-20).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line);
        if (entry.level >= 50 && entry.msg) return entry.msg;
      } catch {
        if (line.trim()) return line.trim();
      }
    }
  } catch {
    // no log yet
  }
  return 'no error in its log';
}

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

// The gateway's port must be ours: otherwise another process answers the health check below
// and "platform is up" would be a lie.
if (!(await portFree(PORT))) fail(`port ${PORT} is already in use; set PORT to choose another (PORT=3001 npm start)`);

// 2. build, databases, migrations
log('building (turbo run build)…');
run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
const { SERVICE_REGISTRY: SERVICES, GATEWAY_APP } = await import(pathToFileURL(join(root, 'packages/contracts/dist/registry.js')).href);
const keys = secrets(SERVICES);
const common = { NATS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
const serviceEnv = Object.fromEntries(
  SERVICES.map((s) => [s.name, { ...common, DATABASE_URL: dbUrl(s.database), ...Object.fromEntries(Object.keys(s.secrets ?? {}).map((k) => [k, keys[k]])) }]),
);
const gatewayEnv = { ...common, DATABASE_URL: dbUrl(GATEWAY_APP.database), JWT_SECRET: keys.JWT_SECRET, PORT: String(PORT), SERVICES: SERVICES.map((s) => s.name).join(',') };
for (const s of SERVICES) {
  log(`migrating ${s.database}${DB_SUFFIX}`);
  run(process.execPath, [`apps/${s.app}/dist/database/migrate.js`], { env: { ...process.env, ...serviceEnv[s.name] } });
}
log(`migrating ${GATEWAY_APP.database}${DB_SUFFIX}`);
run(process.execPath, [`apps/${GATEWAY_APP.app}/dist/database/migrate.js`], { env: { ...process.env, ...gatewayEnv } });

// 3. services, gateway, seed
for (const s of SERVICES) startProcess(`${s.name}-service`, process.execPath, [`apps/${s.app}/dist/main.js`], serviceEnv[s.name]);
startProcess('gateway', process.execPath, [`apps/${GATEWAY_APP.app}/dist/main.js`], gatewayEnv);
const base = `http://127.0.0.1:${PORT}`;
/** Every registered service answers the gateway's health check (and the gateway is ours and alive). */
async function platformHealthy() {
  if (shuttingDown) return false;
  const res = await fetch(`${base}/api/health`);
  if (res.status !== 200) return false;
  const { components } = await res.json();
  return SERVICES.every((s) => components?.[s.name]?.status === 'up');
}
await waitFor(platformHealthy, `${base}/api/health (every service up)`);
log('seeding demo data (idempotent)…');
const directoryFile = join(runDir, 'demo-directory.json');
run(process.execPath, [`apps/${GATEWAY_APP.app}/dist/seed/seed.js`], { env: { ...process.env, ...gatewayEnv, DEMO_PASSWORD, DEMO_DIRECTORY_FILE: directoryFile, LOG_LEVEL: 'warn' } });
for (const s of SERVICES.filter((x) => x.demoSeed)) {
  const { script, countVariable, defaultCount } = s.demoSeed;
  const count = countVariable ? { [countVariable]: process.env[countVariable] ?? String(defaultCount ?? 50) } : {};
  run(process.execPath, [`apps/${s.app}/${script}`], { env: { ...process.env, ...serviceEnv[s.name], DEMO_DIRECTORY_FILE: directoryFile, ...count, LOG_LEVEL: 'warn' } });
}
await waitFor(platformHealthy, `${base}/api/health after seeding`);
if (shuttingDown) await new Promise(() => undefined); // a child died meanwhile: shutdown() exits

const users = ['admin', 'handler', 'trainer', 'inspector', 'auditor', 'staff', 'handler.my', 'handler.biz', 'handler.tel'];
process.stdout.write(`
  消保 platform is up.

  Console   ${base}/
  API       ${base}/api   (OpenAPI: ${base}/api/docs)
  Logins    ${users.join(', ')}   password: ${DEMO_PASSWORD}
  Logs      ${logDir}

  Ctrl-C stops everything this command started.
`);
