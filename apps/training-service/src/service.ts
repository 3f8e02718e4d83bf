/** The training service as the kit runs it: main.ts, database/migrate.ts and the test harness all start from here. */
import { registeredService } from '@xb/contracts/registry';
import { defineService } from '@xb/service-kit';
import { TRAINING_SERVICE } from '@xb/contracts/training';
import { AppModule } from './app.module.js';
import { TrainingConfig } from './config/training.config.js';
import { dataSourceOptions } from './database/data-source.js';

export default defineService({
  registration: registeredService(TRAINING_SERVICE),
  config: TrainingConfig,
  dataSource: (config) => dataSourceOptions(config.DATABASE_URL),
  module: ({ config, logger }) => AppModule.forRoot({ config, logger }),
});
