/**
 * `defineService(...)`: one object per service that knows how to run it (main.ts), migrate
 * its database (database/migrate.ts) and start it in a test (`@xb/test-kit/service-harness`).
 * Config is read from the environment when one of these is called, not when the file is
 * imported, so a test can set the environment first.
 */
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import type { ServiceRegistration } from '@xb/contracts/registry';
import type { Logger } from 'pino';
import type { DataSourceOptions } from 'typeorm';
import { bootstrapService } from './bootstrap.js';
import type { BaseServiceConfig } from './config.js';
import { loadConfig } from './config.js';
import { migrate } from './database.js';
import { createLogger } from './logger.js';

export interface ServiceContext<C> {
  config: C;
  logger: Logger;
}

export interface ServiceDefinitionInput<C extends BaseServiceConfig> {
  /** Its line in the service registry (`registeredService('complaints')`). */
  registration: ServiceRegistration;
  /** Its config class (extends BaseServiceConfig), validated once per start. */
  config: new () => C;
  /** The data source options (the same ones the TypeORM CLI file exports). */
  dataSource: (config: C) => DataSourceOptions;
  /** Its root module (which imports ServiceKitModule.forRoot). */
  module: (ctx: ServiceContext<C>) => DynamicModule;
}

export interface ServiceDefinition<C extends BaseServiceConfig = BaseServiceConfig> {
  name: string;
  registration: ServiceRegistration;
  /** Loads config and logger from the environment (`overrides` win), listing every bad variable in one error. */
  context(overrides?: Record<string, string>): ServiceContext<C>;
  /** Creates the database if needed and applies pending migrations (advisory-locked). */
  migrate(overrides?: Record<string, string>): Promise<string[]>;
  /** Starts one instance on NATS (queue group `<name>-service`); resolves once it listens. */
  start(overrides?: Record<string, string>): Promise<INestMicroservice>;
  /** For main.ts: start, or log one fatal line and exit 1. */
  run(): Promise<void>;
  /** For database/migrate.ts: migrate, or log one fatal line and exit 1. */
  runMigrations(): Promise<void>;
}

export function defineService<C extends BaseServiceConfig>(input: ServiceDefinitionInput<C>): ServiceDefinition<C> {
  const name = input.registration.name;
  const context = (overrides: Record<string, string> = {}, suffix = ''): ServiceContext<C> => {
    const config = loadConfig(input.config, { ...process.env, ...overrides });
    return { config, logger: createLogger(`${name}${suffix}`, config.LOG_LEVEL) };
  };
  /** Config errors: every bad variable in one readable message, no stack dump. */
  const contextOrExit = (suffix = ''): ServiceContext<C> => {
    try {
      return context({}, suffix);
    } catch (err) {
      process.stderr.write(`${name}: ${(err as Error).message}\n`);
      process.exit(1);
    }
  };
  const start = (ctx: ServiceContext<C>) => bootstrapService({ service: name, module: input.module(ctx), natsUrl: ctx.config.NATS_URL, logger: ctx.logger });
  const definition: ServiceDefinition<C> = {
    name,
    registration: input.registration,
    context: (overrides) => context(overrides),
    async migrate(overrides) {
      const { config, logger } = context(overrides, '-migrate');
      return migrate(input.dataSource(config), logger);
    },
    start: async (overrides) => start(context(overrides)),
    async run() {
      const ctx = contextOrExit();
      try {
        await start(ctx);
      } catch (err) {
        ctx.logger.fatal({ err }, `${name} service failed to start`);
        process.exit(1);
      }
    },
    async runMigrations() {
      const { config, logger } = contextOrExit('-migrate');
      try {
        await migrate(input.dataSource(config), logger);
      } catch (err) {
        logger.fatal({ err }, 'migration failed');
        process.exit(1);
      }
    },
  };
  return definition;
}
