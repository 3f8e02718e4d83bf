/** `npm run migrate`: creates the database if needed and applies pending migrations (advisory-locked, safe to run from several starters). */
import { createLogger, loadConfig, migrate } from '@xb/service-kit';
import { ComplaintsConfig } from '../config/complaints.config.js';
import { dataSourceOptions } from './data-source.js';

const config = loadConfig(ComplaintsConfig);
const logger = createLogger('complaints-migrate', config.LOG_LEVEL);

try {
  await migrate(dataSourceOptions(config.DATABASE_URL), logger);
} catch (err) {
  logger.fatal({ err }, 'migration failed');
  process.exitCode = 1;
}
