/**
 * The training database. No Nest imports here: the TypeORM CLI loads the compiled file
 * (`typeorm -d dist/database/data-source.js migration:show`).
 */
import { serviceDataSourceOptions } from '@xb/service-kit';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { Init1795694953464 } from './migrations/1795694953464-init.js';
import { CompetitionRounds1795800000000 } from './migrations/1795800000000-competition-rounds.js';

/** Repositories own the SQL, so there are no entity classes yet; add them here when you use TypeORM's repositories. */
export const ENTITIES = [];
export const MIGRATIONS = [Init1795694953464, CompetitionRounds1795800000000];

export function dataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS });
}

/** For the TypeORM CLI only; the app builds its own from the validated config. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xb_training'));
