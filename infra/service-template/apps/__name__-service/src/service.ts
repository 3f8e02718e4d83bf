/** The __name__ service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { __NAME___SERVICE } from '@xb/contracts/__name__';
import { AppModule } from './app.module.js';
import { __Name__Config } from './config/__name__.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(__NAME___SERVICE),
  config: __Name__Config,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
