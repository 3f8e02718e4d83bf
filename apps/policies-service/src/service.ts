/** The policies service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { POLICIES_SERVICE } from '@xb/contracts/policies';
import { AppModule } from './app.module.js';
import { PoliciesConfig } from './config/policies.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(POLICIES_SERVICE),
  config: PoliciesConfig,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
