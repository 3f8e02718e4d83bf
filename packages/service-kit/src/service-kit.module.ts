/**
 * `ServiceKitModule.forRoot(...)`: everything a service needs that is not its domain — the
 * validated config and the logger as providers, the TypeORM data source, the JetStream
 * connection with the events stream, the outbox relay and its lifecycle, and the RPC health
 * check (`<name>.health.ping`). The NATS microservice itself (queue group, error filter,
 * correlation ids, JSON logs) is started by `defineService(...).run()` / `bootstrapService`.
 *
 * A service's AppModule imports it once and lists only its own controllers and providers:
 *
 *   imports: [ServiceKitModule.forRoot({ name: 'complaints', config, logger, entities, migrations })]
 *
 * Optional parts (a directory replica, an object-store file helper, …) plug in through
 * `imports`/`providers` here or in the AppModule; a part that wants to appear in the health
 * answer registers a check with `ServiceHealthChecks` (see `health.ts`).
 */
import { Controller, Global, Inject, Injectable, Module, type DynamicModule, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { healthPattern, type ServiceHealth } from '@xb/contracts';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BaseServiceConfig } from './config.js';
import { serviceDataSourceOptions, type ServiceDataSourceInput } from './database.js';
import { checkDatabase, checkNats, summarise } from './health.js';
import { connectJetStream, ensureEventsStream, type JetStreamHandle } from './jetstream.js';
import { OutboxRelay } from './outbox.js';

/** The app's validated config object (its own subclass of BaseServiceConfig). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
/** The app's pino logger. */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
/** The JetStream connection the outbox publishes on (`JetStreamHandle`). */
export const JETSTREAM = Symbol('JETSTREAM');
/** The service's name from the registry (`complaints`). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface ServiceKitOptions<C extends BaseServiceConfig = BaseServiceConfig> {
  /** The registry name: message prefix, queue group `<name>-service`, health pattern. */
  name: string;
  config: C;
  logger: Logger;
  entities: ServiceDataSourceInput['entities'];
  migrations: ServiceDataSourceInput['migrations'];
  poolSize?: number;
  /** More kit parts (modules) to switch on; they see every provider of the kit. */
  imports?: ModuleMetadata['imports'];
  /** More providers to make available (and export) app-wide. */
  providers?: Provider[];
}

/** Checks beyond the database and NATS that show up in the health answer (a replica's lag, a bucket). */
@Injectable()
export class ServiceHealthChecks {
  private readonly checks = new Map<string, () => Promise<{ status: 'up' | 'down'; latencyMs?: number; error?: string }>>();

  register(component: string, check: () => Promise<{ status: 'up' | 'down'; latencyMs?: number; error?: string }>): void {
    this.checks.set(component, check);
  }

  async run(): Promise<Record<string, { status: 'up' | 'down'; latencyMs?: number; error?: string }>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await check().catch((err: unknown) => ({ status: 'down' as const, error: String((err as Error)?.message ?? err) }))] as const),
    );
    return Object.fromEntries(entries);
  }
}

/**
 * Starts the outbox relay once the app is up and stops it before the database closes;
 * closes the JetStream connection last. (Nest stops taking requests before these hooks.)
 */
@Injectable()
class OutboxLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.jet.nc.isClosed()) await this.jet.nc.close();
  }
}

/** The RPC health check of one service; a class per service because the pattern is fixed at decoration time. */
function healthControllerFor(name: string) {
  @Controller()
  class ServiceHealthController {
    constructor(
      @Inject(getDataSourceToken()) private readonly ds: DataSource,
      @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
      private readonly extra: ServiceHealthChecks,
    ) {}

    /** Answers the gateway's health probe: the database, the NATS connection the outbox publishes on, and registered parts. */
    @MessagePattern(healthPattern(name))
    async ping(): Promise<ServiceHealth> {
      const [database, nats, extra] = await Promise.all([checkDatabase(this.ds), checkNats(this.jet.nc), this.extra.run()]);
      return summarise(name, { database, nats, ...extra });
    }
  }
  return ServiceHealthController;
}

@Global()
@Module({})
export class ServiceKitModule {
  static forRoot<C extends BaseServiceConfig>(options: ServiceKitOptions<C>): DynamicModule {
    const { name, config, logger } = options;
    const shared: Provider[] = [
      { provide: SERVICE_NAME, useValue: name },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_LOGGER, useValue: logger },
      {
        provide: JETSTREAM,
        useFactory: async (): Promise<JetStreamHandle> => {
          const jet = await connectJetStream(config.NATS_URL, `${name}-service-outbox`, logger);
          await ensureEventsStream(jet.jsm);
          return jet;
        },
      },
      {
        provide: OutboxRelay,
        inject: [getDataSourceToken(), JETSTREAM],
        useFactory: (ds: DataSource, jet: JetStreamHandle) => new OutboxRelay(ds, jet, logger, config.OUTBOX_POLL_MS),
      },
      ServiceHealthChecks,
      ...(options.providers ?? []),
    ];
    const typeorm = TypeOrmModule.forRoot(
      serviceDataSourceOptions({ url: config.DATABASE_URL, entities: options.entities, migrations: options.migrations, poolSize: options.poolSize }),
    );
    return {
      module: ServiceKitModule,
      imports: [typeorm, ...(options.imports ?? [])],
      controllers: [healthControllerFor(name)],
      providers: [...shared, OutboxLifecycle],
      exports: [...shared, typeorm],
    };
  }
}
