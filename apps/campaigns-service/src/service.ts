/** The campaigns service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { CAMPAIGNS_SERVICE } from '@xb/contracts/campaigns';
import { AppModule } from './app.module.js';
import { CampaignsConfig } from './config/campaigns.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(CAMPAIGNS_SERVICE),
  config: CampaignsConfig,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
