/**
 * Starts the whole platform for system tests: a private nats-server with JetStream, fresh
 * PostgreSQL databases, migrations, every service of the registry (packages/contracts
 * registry.ts; N instances each), M gateways (serving the built console) and the demo seed.
 * Nothing is shared with dev services.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { GATEWAY_APP, SERVICE_REGISTRY, type SecretRecipe, type ServiceRegistration } from '@xb/contracts/registry';
import { createTestDatabase, dropTestDatabase, freePort, spawnNode, startPrivateNats, testLogDir, waitFor, type PrivateNats, type SpawnedProcess } from '@xb/test-kit';
import pg from 'pg';
import request from 'supertest';
import { checkHttpAnswer } from './typed-api.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEMO_PASSWORD = 'Demo@2026';

const dist = (app: string, file: string) => {
  const path = join(REPO_ROOT, 'apps', app, 'dist', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: build first (npm run build)`);
  return path;
};

/** A dev/test value for a secret the registry says a service needs. */
export const makeSecret = (recipe: SecretRecipe): string => randomBytes(recipe.bytes).toString(recipe.kind);

/** `'gateway'` or the name of a registered service. */
export type StackApp = 'gateway' | (string & {});

export interface StackOptions {
  /** Registered services to start (default: all of the registry). */
  services?: string[];
  /** Instances per service (default 1 each). */
  instances?: Record<string, number>;
  /** Shorthand for `instances: { complaints: n }`. */
  complaintsInstances?: number;
  gatewayInstances?: number;
  /** Demo records per service with a demo seed in the registry (absent or 0: none). */
  seed?: Record<string, number>;
  /** Shorthand for `seed: { complaints: n }`. */
  seedComplaints?: number;
  name?: string;
  /** Extra environment per app (`gateway` or a service name; e.g. LOG_LEVEL for a benchmark), over the defaults. */
  env?: Partial<Record<StackApp, Record<string, string>>>;
}

export interface Stack {
  baseUrl: string;
  gatewayUrls: string[];
  nats: PrivateNats;
  /** Database URL per app (`gateway` and each started service). */
  dbUrls: Record<StackApp, string>;
  /** The environment each started service runs with (its generated secrets included). */
  serviceEnv: Record<string, Record<string, string>>;
  gatewayDbUrl: string;
  complaintsDbUrl: string;
  processes: SpawnedProcess[];
  /** The gateway's JWT secret, for tests that need a token the login would not issue (one about to expire). */
  jwtSecret: string;
  /** The complaints service's PII keys, for tools that write valid encrypted rows directly (benchmarks). */
  piiKeys: { encryptionKey: string; hashKey: string };
  /** Runs SQL on a stack database (`gateway` or a service name). */
  sql<T = Record<string, unknown>>(db: StackApp, text: string, params?: unknown[]): Promise<T[]>;
  login(username: string, password?: string): Promise<string>;
  /** Stops everything it started; `keepDatabases` leaves the databases for a look afterwards. */
  stop(options?: { keepDatabases?: boolean }): Promise<void>;
  /** Fault injection for resilience tests (see StackFaults below). */
  faults: StackFaults;
}

/**
 * Fault injection, kept apart from how the stack is assembled: kill one spawned app
 * instance by name (e.g. `resilience-complaints-1`) with a signal, and spawn it again with
 * the same script and environment. The private NATS has its own `stop()` / `start()`.
 */
export interface StackFaults {
  /** Sends `signal` to the named process and waits until it has exited. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts the named app again (same script, same env) under `<name>-restarted`, in place of the old entry. */
  respawn(name: string): SpawnedProcess;
}

function faultsOf(processes: SpawnedProcess[], recipes: Map<string, () => SpawnedProcess>): StackFaults {
  const find = (name: string) => {
    const index = processes.findIndex((p) => p.name === name);
    if (index < 0) throw new Error(`No process ${name}; running: ${processes.map((p) => p.name).join(', ')}`);
    return index;
  };
  return {
    async kill(name, signal = 'SIGKILL') {
      const { child } = processes[find(name)];
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    respawn(name) {
      const index = find(name);
      const recipe = recipes.get(name);
      if (!recipe) throw new Error(`${name} cannot be respawned`);
      const fresh = recipe();
      processes[index] = fresh;
      return fresh;
    },
  };
}

function runToEnd(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}:\n${output.slice(-4000)}`))));
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const name = options.name ?? 'e2e';
  const services: ServiceRegistration[] = options.services
    ? options.services.map((n) => {
        const found = SERVICE_REGISTRY.find((s) => s.name === n);
        if (!found) throw new Error(`startStack: no service "${n}" in the registry`);
        return found;
      })
    : [...SERVICE_REGISTRY];
  const instances: Record<string, number> = { complaints: options.complaintsInstances ?? 1, ...options.instances };
  const seed: Record<string, number> = { complaints: options.seedComplaints ?? 0, ...options.seed };
  const nats = await startPrivateNats();
  const dbUrls: Record<StackApp, string> = { gateway: await createTestDatabase(`${name}_gw`) };
  for (const s of services) dbUrls[s.name] = await createTestDatabase(`${name}_${s.name}`);
  const processes: SpawnedProcess[] = [];
  const common = { NATS_URL: nats.url, LOG_LEVEL: 'info', RPC_TIMEOUT_MS: '10000', OUTBOX_POLL_MS: '100' };
  const serviceEnv: Record<string, Record<string, string>> = Object.fromEntries(
    services.map((s) => [
      s.name,
      {
        ...common,
        DATABASE_URL: dbUrls[s.name],
        ...Object.fromEntries(Object.entries(s.secrets ?? {}).map(([k, recipe]) => [k, makeSecret(recipe)])),
        ...options.env?.[s.name],
      },
    ]),
  );
  const gatewayEnv = {
    ...common,
    DATABASE_URL: dbUrls.gateway,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Unset when every registered service runs: the gateway then pings the registry's list itself.
    ...(options.services ? { SERVICES: services.map((s) => s.name).join(',') } : {}),
    CONSOLE_DIR: join(REPO_ROOT, 'apps/console/dist'),
    ...options.env?.gateway,
  };
  // How to start each app instance again (fault injection: StackFaults.respawn).
  const recipes = new Map<string, () => SpawnedProcess>();
  const spawnApp = (procName: string, script: string, env: Record<string, string>) => {
    recipes.set(procName, () => spawnNode(`${procName}-restarted`, script, env));
    return spawnNode(procName, script, env);
  };
  const pools = new Map(Object.entries(dbUrls).map(([app, url]) => [app, new pg.Pool({ connectionString: url, max: 2 })]));

  const stack: Stack = {
    baseUrl: '',
    gatewayUrls: [],
    nats,
    dbUrls,
    serviceEnv,
    gatewayDbUrl: dbUrls.gateway,
    complaintsDbUrl: dbUrls.complaints,
    processes,
    faults: faultsOf(processes, recipes),
    jwtSecret: gatewayEnv.JWT_SECRET,
    piiKeys: { encryptionKey: serviceEnv.complaints?.PII_ENCRYPTION_KEY, hashKey: serviceEnv.complaints?.PII_HASH_KEY },
    async sql<T>(db: StackApp, text: string, params: unknown[] = []) {
      const pool = pools.get(db);
      if (!pool) throw new Error(`stack.sql: no database "${db}" in this stack`);
      return (await pool.query(text, params)).rows as T[];
    },
    async login(username: string, password = DEMO_PASSWORD) {
      const res = await fetch(`${stack.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async stop({ keepDatabases = false } = {}) {
      await Promise.all(processes.map((p) => p.stop()));
      await Promise.all([...pools.values()].map((p) => p.end()));
      await nats.stop();
      if (keepDatabases) return;
      for (const url of Object.values(dbUrls)) await dropTestDatabase(url).catch(() => undefined);
    },
  };

  try {
    for (const s of services) await runToEnd(dist(s.app, 'database/migrate.js'), serviceEnv[s.name]);
    await runToEnd(dist(GATEWAY_APP.app, 'database/migrate.js'), { ...gatewayEnv });
    for (const s of services) {
      for (let i = 0; i < (instances[s.name] ?? 1); i++) {
        processes.push(spawnApp(`${name}-${s.name}-${i + 1}`, dist(s.app, 'main.js'), { ...serviceEnv[s.name], INSTANCE_ID: `${s.name[0]}${i + 1}` }));
      }
    }
    for (let i = 0; i < (options.gatewayInstances ?? 1); i++) {
      const port = await freePort();
      processes.push(spawnApp(`${name}-gateway-${i + 1}`, dist(GATEWAY_APP.app, 'main.js'), { ...gatewayEnv, PORT: String(port), INSTANCE_ID: `g${i + 1}` }));
      stack.gatewayUrls.push(`http://127.0.0.1:${port}`);
    }
    stack.baseUrl = stack.gatewayUrls[0];
    for (const url of stack.gatewayUrls) {
      await waitFor(
        async () => {
          const dead = processes.find((p) => p.child.exitCode !== null);
          if (dead) throw new Error(`${dead.name} exited; see ${dead.logFile}`);
          const res = await fetch(`${url}/api/health`);
          return res.status === 200;
        },
        // Generous: four Nest processes booting at once on a shared two-core machine took over 30 s under load.
        { timeoutMs: 90_000, what: `${url}/api/health` },
      );
    }
    const directoryFile = join(testLogDir(), `${name}-${randomBytes(4).toString('hex')}-directory.json`);
    await runToEnd(dist(GATEWAY_APP.app, 'seed/seed.js'), { ...gatewayEnv, DEMO_PASSWORD, DEMO_DIRECTORY_FILE: directoryFile });
    for (const s of services) {
      const count = seed[s.name] ?? 0;
      if (!s.demoSeed || count <= 0) continue;
      const countEnv: Record<string, string> = s.demoSeed.countVariable ? { [s.demoSeed.countVariable]: String(count) } : {};
      await runToEnd(dist(s.app, s.demoSeed.script.replace(/^dist\//, '')), { ...serviceEnv[s.name], DEMO_DIRECTORY_FILE: directoryFile, ...countEnv });
    }
    return stack;
  } catch (err) {
    await stack.stop().catch(() => undefined);
    throw err;
  }
}

/**
 * supertest against a running gateway, with the bearer token set: `api(url, token).get('/api/x')`.
 * Every 2xx JSON answer is checked against the OpenAPI document's schema for the operation
 * (`checkHttpAnswer`), so each system test also holds the API to its published contract.
 */
export function api(baseUrl: string, token?: string) {
  const prepared = <T extends request.Test>(method: string, path: string, t: T): T => {
    if (token) t.set('Authorization', `Bearer ${token}`);
    return t.expect((res) => checkHttpAnswer(method, path, res.status, res.headers['content-type'] as string | undefined, res.body)) as T;
  };
  const agent = request(baseUrl);
  return {
    get: (path: string) => prepared('get', path, agent.get(path)),
    post: (path: string, body?: object) => prepared('post', path, agent.post(path)).send(body ?? {}),
    put: (path: string, body?: object) => prepared('put', path, agent.put(path)).send(body ?? {}),
    delete: (path: string) => prepared('delete', path, agent.delete(path)),
  };
}
