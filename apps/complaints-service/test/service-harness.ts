/**
 * The complaints service for integration tests: a private nats-server, a fresh database,
 * config through the environment as in production (set before the app module loads),
 * migrations, `instances` in-process service instances on NATS, a NATS client and a pg
 * client to inspect the database. `stop()` undoes all of it.
 */
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { bootstrapService, createLogger, loadConfig, migrate } from '@xb/service-kit';
import { createTestDatabase, dropTestDatabase, startPrivateNats, type PrivateNats } from '@xb/test-kit';
import pg from 'pg';

export interface ServiceHarness {
  nats: PrivateNats;
  dbUrl: string;
  apps: INestMicroservice[];
  client: ClientProxy;
  db: pg.Client;
  stop(): Promise<void>;
}

export async function startComplaintsService(name: string, { instances = 1, env = {} as Record<string, string> } = {}): Promise<ServiceHarness> {
  const nats = await startPrivateNats();
  const dbUrl = await createTestDatabase(name);
  Object.assign(process.env, {
    DATABASE_URL: dbUrl,
    NATS_URL: nats.url,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('hex'),
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const { ComplaintsConfig } = await import('../src/config/complaints.config.js');
  const { dataSourceOptions } = await import('../src/database/data-source.js');
  const { AppModule } = await import('../src/app.module.js');
  const config = loadConfig(ComplaintsConfig);
  const logger = createLogger(`${name}-test`, config.LOG_LEVEL);
  await migrate(dataSourceOptions(config.DATABASE_URL));
  const apps: INestMicroservice[] = [];
  for (let i = 0; i < instances; i++) {
    apps.push(await bootstrapService({ service: 'complaints', module: AppModule.forRoot({ config, logger }), natsUrl: config.NATS_URL, logger }));
  }
  const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
  await client.connect();
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  return {
    nats,
    dbUrl,
    apps,
    client,
    db,
    async stop() {
      await client.close();
      for (const app of apps) await app.close();
      await db.end();
      await nats.stop();
      await dropTestDatabase(dbUrl);
    },
  };
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
