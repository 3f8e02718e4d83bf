/**
 * A service under integration test: a private nats-server, a fresh database, config through
 * the environment as in production (set before the service's module is loaded), migrations,
 * `instances` in-process instances on NATS, a NATS client to send it requests and a pg client
 * to look at its database. `stop()` undoes all of it. Any service built with the service kit
 * uses it through its `src/service.ts` (what `defineService` returns):
 *
 *   const harness = await startServiceHarness('complaints', { load: () => import('../src/service.js') });
 *   await firstValueFrom(harness.client.send('complaints.complaint.get', { actor, data }));
 *
 * (A subpath of its own, so tests that only need NATS and databases do not load Nest.)
 */
import { randomBytes } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase, startPrivateNats, type PrivateNats } from './index.js';

/** The part of a service kit `ServiceDefinition` the harness needs (test-kit does not depend on service-kit). */
export interface HarnessedService<App extends { close(): Promise<unknown> } = { close(): Promise<unknown> }> {
  name: string;
  registration: { secrets?: Record<string, { kind: 'base64' | 'hex'; bytes: number }> };
  migrate(overrides?: Record<string, string>): Promise<unknown>;
  start(overrides?: Record<string, string>): Promise<App>;
}

export interface ServiceHarnessOptions<App extends { close(): Promise<unknown> }> {
  /** Imports the service definition after the environment is set: `() => import('../src/service.js')`. */
  load: () => Promise<{ default: HarnessedService<App> }>;
  instances?: number;
  /** Environment over the harness's defaults (secrets from the registry's recipes, OUTBOX_POLL_MS=50, LOG_LEVEL=silent). */
  env?: Record<string, string>;
}

export interface ServiceHarness<App extends { close(): Promise<unknown> } = { close(): Promise<unknown> }> {
  nats: PrivateNats;
  dbUrl: string;
  apps: App[];
  client: ClientProxy;
  db: pg.Client;
  /** The environment the service runs with (generated secrets included). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startServiceHarness<App extends { close(): Promise<unknown> }>(name: string, options: ServiceHarnessOptions<App>): Promise<ServiceHarness<App>> {
  const nats = await startPrivateNats();
  const dbUrl = await createTestDatabase(name);
  const cleanup: (() => Promise<unknown>)[] = [() => nats.stop(), () => dropTestDatabase(dbUrl)];
  try {
    const { default: service } = await options.load();
    const secrets = Object.fromEntries(Object.entries(service.registration.secrets ?? {}).map(([k, r]) => [k, randomBytes(r.bytes).toString(r.kind)]));
    const env: Record<string, string> = { DATABASE_URL: dbUrl, NATS_URL: nats.url, OUTBOX_POLL_MS: '50', LOG_LEVEL: 'silent', ...secrets, ...options.env };
    // As in production, the service reads its config from process.env (code that reads it outside the kit sees the same).
    Object.assign(process.env, env);
    await service.migrate();
    const apps: App[] = [];
    cleanup.unshift(async () => {
      for (const app of apps) await app.close();
    });
    for (let i = 0; i < (options.instances ?? 1); i++) apps.push(await service.start());
    const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    await client.connect();
    cleanup.unshift(() => client.close());
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    cleanup.unshift(() => db.end());
    return {
      nats,
      dbUrl,
      apps,
      client,
      db,
      env,
      async stop() {
        for (const step of cleanup) await step();
      },
    };
  } catch (err) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw err;
  }
}

export interface DirectoryFixtureUnit {
  path: string;
  code?: string;
  name?: string;
  type?: 'head_office' | 'branch' | 'sub_branch' | 'outlet' | 'department';
}
export interface DirectoryFixtureUser {
  id: string;
  username: string;
  roles: string[];
  orgUnitId: string;
  active?: boolean;
}

/**
 * Writes org units (every unit on each path, ancestors included) and users into the
 * service's directory replica, as the gateway's snapshot would: the service reads scope,
 * unit paths and names and assignable handlers from there, never from the messages.
 */
export async function seedDirectory(db: pg.Client, { units = [], users = [] }: { units?: DirectoryFixtureUnit[]; users?: DirectoryFixtureUser[] }): Promise<void> {
  for (const unit of units) {
    const ids = unit.path.split('/').filter(Boolean);
    for (let depth = 0; depth < ids.length; depth++) {
      const own = depth === ids.length - 1;
      const id = ids[depth];
      const type = own && unit.type ? unit.type : depth === 0 ? 'head_office' : 'branch';
      await db.query(
        `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
         ON CONFLICT (id) DO ${own ? 'UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, type = EXCLUDED.type' : 'NOTHING'}`,
        [id, own && unit.code ? unit.code : `U-${id.slice(0, 8)}`, own && unit.name ? unit.name : `unit ${id.slice(0, 8)}`, type, depth ? ids[depth - 1] : null, `/${ids.slice(0, depth + 1).join('/')}/`, depth],
      );
    }
  }
  for (const u of users) {
    await db.query(
      `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version) VALUES ($1, $2, $2, $3, $4, $5, 1)
       ON CONFLICT (id) DO UPDATE SET roles = EXCLUDED.roles, active = EXCLUDED.active, org_unit_id = EXCLUDED.org_unit_id`,
      [u.id, u.username, u.orgUnitId, u.roles, u.active ?? true],
    );
  }
}
