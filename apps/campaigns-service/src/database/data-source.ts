/**
 * The campaigns database. No Nest imports here: the TypeORM CLI loads the compiled file
 * (`typeorm -d dist/database/data-source.js migration:show`).
 */
import { serviceDataSourceOptions } from '@xb/service-kit';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { Init1795695684547 } from './migrations/1795695684547-init.js';
import { TotalsRollup1795780000000 } from './migrations/1795780000000-totals-rollup.js';

/** Repositories own the SQL, so there are no entity classes yet; add them here when you use TypeORM's repositories. */
export const ENTITIES = [];
export const MIGRATIONS = [Init1795695684547, TotalsRollup1795780000000];

export function dataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS });
}

/** For the TypeORM CLI only; the app builds its own from the validated config. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xb_campaigns'));
