import { SERVICE_CONFIG, SERVICE_LOGGER, type createLogger } from '@xb/service-kit';

/** Injection tokens of things that are not classes of this app (config and logger come from the service kit). */
export const TRAINING_CONFIG = SERVICE_CONFIG;
export const LOGGER = SERVICE_LOGGER;
export type AppLogger = ReturnType<typeof createLogger>;
