import type { createLogger } from '@xb/service-kit';

/** Injection tokens of things that are not classes of this app. */
export const COMPLAINTS_CONFIG = Symbol('COMPLAINTS_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const JETSTREAM = Symbol('JETSTREAM');

export type AppLogger = ReturnType<typeof createLogger>;

export const CLOCK = Symbol('CLOCK');

/** Where intake and workflow read "now": the system clock, except in the demo-history loader. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
