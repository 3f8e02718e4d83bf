/**
 * Starts the whole platform for system tests: a private nats-server with JetStream, fresh
 * PostgreSQL databases, migrations, N complaints-service instances, M gateways (serving
 * the built console) and the demo seed. Nothing is shared with dev services.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createTestDatabase, dropTestDatabase, freePort, spawnNode, startPrivateNats, testLogDir, waitFor, type PrivateNats, type SpawnedProcess } from '@xb/test-kit';
import pg from 'pg';
import request from 'supertest';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEMO_PASSWORD = 'Demo@2026';

const dist = (app: string, file: string) => {
  const path = join(REPO_ROOT, 'apps', app, 'dist', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: build first (npm run build)`);
  return path;
};

export interface StackOptions {
  complaintsInstances?: number;
  gatewayInstances?: number;
  seedComplaints?: number;
  name?: string;
  /** Extra environment per app (e.g. LOG_LEVEL for a benchmark), over the defaults. */
  env?: { complaints?: Record<string, string>; gateway?: Record<string, string> };
}

export interface Stack {
  baseUrl: string;
  gatewayUrls: string[];
  nats: PrivateNats;
  gatewayDbUrl: string;
  complaintsDbUrl: string;
  processes: SpawnedProcess[];
  /** The gateway's JWT secret, for tests that need a token the login would not issue (one about to expire). */
  jwtSecret: string;
  /** The complaints service's PII keys, for tools that write valid encrypted rows directly (benchmarks). */
  piiKeys: { encryptionKey: string; hashKey: string };
  /** Runs SQL on a stack database. */
  sql<T = Record<string, unknown>>(db: 'gateway' | 'complaints', text: string, params?: unknown[]): Promise<T[]>;
  login(username: string, password?: string): Promise<string>;
  /** Stops everything it started; `keepDatabases` leaves both databases for a look afterwards. */
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
  const nats = await startPrivateNats();
  const gatewayDbUrl = await createTestDatabase(`${name}_gw`);
  const complaintsDbUrl = await createTestDatabase(`${name}_cp`);
  const processes: SpawnedProcess[] = [];
  const common = { NATS_URL: nats.url, LOG_LEVEL: 'info', RPC_TIMEOUT_MS: '10000', OUTBOX_POLL_MS: '100' };
  const complaintsEnv = {
    ...common,
    DATABASE_URL: complaintsDbUrl,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('hex'),
    ...options.env?.complaints,
  };
  const gatewayEnv = {
    ...common,
    DATABASE_URL: gatewayDbUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SERVICES: 'complaints',
    CONSOLE_DIR: join(REPO_ROOT, 'apps/console/dist'),
    ...options.env?.gateway,
  };
  // How to start each app instance again (fault injection: StackFaults.respawn).
  const recipes = new Map<string, () => SpawnedProcess>();
  const spawnApp = (procName: string, script: string, env: Record<string, string>) => {
    recipes.set(procName, () => spawnNode(`${procName}-restarted`, script, env));
    return spawnNode(procName, script, env);
  };
  const pools = { gateway: new pg.Pool({ connectionString: gatewayDbUrl, max: 2 }), complaints: new pg.Pool({ connectionString: complaintsDbUrl, max: 2 }) };

  const stack: Stack = {
    baseUrl: '',
    gatewayUrls: [],
    nats,
    gatewayDbUrl,
    complaintsDbUrl,
    processes,
    faults: faultsOf(processes, recipes),
    jwtSecret: gatewayEnv.JWT_SECRET,
    piiKeys: { encryptionKey: complaintsEnv.PII_ENCRYPTION_KEY, hashKey: complaintsEnv.PII_HASH_KEY },
    async sql<T>(db: 'gateway' | 'complaints', text: string, params: unknown[] = []) {
      return (await pools[db].query(text, params)).rows as T[];
    },
    async login(username: string, password = DEMO_PASSWORD) {
      const res = await fetch(`${stack.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async stop({ keepDatabases = false } = {}) {
      await Promise.all(processes.map((p) => p.stop()));
      await pools.gateway.end();
      await pools.complaints.end();
      await nats.stop();
      if (keepDatabases) return;
      await dropTestDatabase(gatewayDbUrl).catch(() => undefined);
      await dropTestDatabase(complaintsDbUrl).catch(() => undefined);
    },
  };

  try {
    await runToEnd(dist('complaints-service', 'database/migrate.js'), complaintsEnv);
    await runToEnd(dist('gateway', 'database/migrate.js'), { ...gatewayEnv });
    for (let i = 0; i < (options.complaintsInstances ?? 1); i++) {
      processes.push(spawnApp(`${name}-complaints-${i + 1}`, dist('complaints-service', 'main.js'), { ...complaintsEnv, INSTANCE_ID: `c${i + 1}` }));
    }
    for (let i = 0; i < (options.gatewayInstances ?? 1); i++) {
      const port = await freePort();
      processes.push(spawnApp(`${name}-gateway-${i + 1}`, dist('gateway', 'main.js'), { ...gatewayEnv, PORT: String(port), INSTANCE_ID: `g${i + 1}` }));
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
        { timeoutMs: 90000, what: `${url}/api/health` },
      );
    }
    const directoryFile = join(testLogDir(), `${name}-${randomBytes(4).toString('hex')}-directory.json`);
    await runToEnd(dist('gateway', 'seed/seed.js'), { ...gatewayEnv, DEMO_PASSWORD, DEMO_DIRECTORY_FILE: directoryFile });
    if ((options.seedComplaints ?? 0) > 0) {
      await runToEnd(dist('complaints-service', 'seed/load-demo.js'), { ...complaintsEnv, DEMO_DIRECTORY_FILE: directoryFile, DEMO_COMPLAINTS: String(options.seedComplaints) });
    }
    return stack;
  } catch (err) {
    await stack.stop().catch(() => undefined);
    throw err;
  }
}

/** supertest against a running gateway, with the bearer token set: `api(url, token).get('/api/x')`. */
export function api(baseUrl: string, token?: string) {
  const auth = <T extends request.Test>(t: T): T => (token ? t.set('Authorization', `Bearer ${token}`) : t);
  const agent = request(baseUrl);
  return {
    get: (path: string) => auth(agent.get(path)),
    post: (path: string, body?: object) => auth(agent.post(path)).send(body ?? {}),
    put: (path: string, body?: object) => auth(agent.put(path)).send(body ?? {}),
    delete: (path: string) => auth(agent.delete(path)),
  };
}
