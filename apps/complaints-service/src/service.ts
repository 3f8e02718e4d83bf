/** The complaints service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { COMPLAINTS_SERVICE } from '@xb/contracts';
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { AppModule } from './app.module.js';
import { ComplaintsConfig } from './config/complaints.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(COMPLAINTS_SERVICE),
  config: ComplaintsConfig,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
