import { SERVICE_CONFIG, SERVICE_LOGGER, type createLogger } from '@xb/service-kit';

/** Injection tokens of things that are not classes of this app (the config and logger come from the service kit). */
export const COMPLAINTS_CONFIG = SERVICE_CONFIG;
export const LOGGER = SERVICE_LOGGER;

export type AppLogger = ReturnType<typeof createLogger>;

export const CLOCK = Symbol('CLOCK');

/** Where intake and workflow read "now": the system clock, except in the demo-history loader. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
