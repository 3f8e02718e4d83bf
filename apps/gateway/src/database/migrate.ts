import { createLogger, migrate } from '@xb/service-kit';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { gatewayDataSourceOptions } from './data-source.js';

const config = loadGatewayConfig();
const logger = createLogger('gateway-migrate', config.LOG_LEVEL);
await migrate(gatewayDataSourceOptions(config.DATABASE_URL), logger);
