/** The inspections service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { INSPECTIONS_SERVICE } from '@xb/contracts/inspections';
import { AppModule } from './app.module.js';
import { InspectionsConfig } from './config/inspections.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(INSPECTIONS_SERVICE),
  config: InspectionsConfig,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
