/**
 * The inspections database. No Nest imports here: the TypeORM CLI loads the compiled file
 * (`typeorm -d dist/database/data-source.js migration:show`).
 */
import { serviceDataSourceOptions } from '@xb/service-kit';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { Init1796000000000 } from './migrations/1796000000000-init.js';
import { EvidenceFiles1796000000100 } from './migrations/1796000000100-evidence-files.js';
import { QuarterRollups1796000000200 } from './migrations/1796000000200-quarter-rollups.js';
import { RollupRectifications1796000000300 } from './migrations/1796000000300-rollup-rectifications.js';

/** Repositories own the SQL, so there are no entity classes yet; add them here when you use TypeORM's repositories. */
export const ENTITIES = [];
export const MIGRATIONS = [Init1796000000000, EvidenceFiles1796000000100, QuarterRollups1796000000200, RollupRectifications1796000000300];

export function dataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS });
}

/** For the TypeORM CLI only; the app builds its own from the validated config. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xb_inspections'));
