import 'reflect-metadata';
import { COMPLAINTS_SERVICE } from '@xb/contracts';
import { bootstrapService, createLogger, loadConfig } from '@xb/service-kit';
import { AppModule } from './app.module.js';
import { ComplaintsConfig } from './config/complaints.config.js';

const config = loadConfig(ComplaintsConfig);
const logger = createLogger(COMPLAINTS_SERVICE, config.LOG_LEVEL);

try {
  await bootstrapService({ service: COMPLAINTS_SERVICE, module: AppModule.forRoot({ config, logger }), natsUrl: config.NATS_URL, logger });
} catch (err) {
  logger.fatal({ err }, 'complaints service failed to start');
  process.exit(1);
}
