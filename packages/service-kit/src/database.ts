import pg from 'pg';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from 'pino';

export interface ServiceDataSourceInput {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** One PostgreSQL database per service; schema only through migrations, never `synchronize`. */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries are reported by our own error handling without their parameters;
    // TypeORM's logger would print customer data from them.
    logging: false,
    extra: { max: input.poolSize ?? 20, application_name: 'xb' },
  };
}

/** Creates the database named in `url` when it does not exist yet (connects to `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Refusing unusual database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (err) {
        // Another process created it between our check and our CREATE.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/** Ensures the database, then runs pending migrations under an advisory lock so parallel starters do not race. */
export async function migrate(options: DataSourceOptions, logger?: Logger): Promise<string[]> {
  const url = (options as { url: string }).url;
  await ensureDatabase(url);
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(7215001)');
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      logger?.info({ migrations: ran.map((m) => m.name) }, ran.length ? 'migrations applied' : 'schema up to date');
      return ran.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(7215001)');
    }
  } finally {
    await ds.destroy();
  }
}

/** Runs `fn` only if this instance wins a transaction-scoped advisory lock: one runner per tick across instances. */
export async function withLeaderLock<T>(ds: DataSource, lockKey: number, fn: (ds: DataSource) => Promise<T>): Promise<T | undefined> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [lockKey])) as { locked: boolean }[];
    if (!locked) return undefined;
    try {
      return await fn(ds);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [lockKey]);
    }
  } finally {
    await runner.release();
  }
}
