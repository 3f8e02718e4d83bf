/**
 * A minimal service built only from the kit (defineService + ServiceKitModule.forRoot):
 * migrations, the NATS microservice with its health pattern, the outbox relay publishing
 * to JetStream, a registered extra health check, and a clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Inject, Injectable, Module, type DynamicModule, type INestMicroservice, type OnModuleInit } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENTS_STREAM, healthPattern, type ServiceHealth } from '@xb/contracts';
import { createTestDatabase, dropTestDatabase, startPrivateNats, waitFor, type PrivateNats } from '@xb/test-kit';
import { firstValueFrom, timeout } from 'rxjs';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { BaseServiceConfig } from './config.js';
import { serviceDataSourceOptions } from './database.js';
import type { JetStreamHandle } from './jetstream.js';
import { appendEvent, createEventTables } from './outbox.js';
import { defineService } from './service-definition.js';
import { JETSTREAM, SERVICE_CONFIG, ServiceHealthChecks, ServiceKitModule } from './service-kit.module.js';

class ProbeTables1700000000001 implements MigrationInterface {
  name = 'ProbeTables1700000000001';
  async up(q: QueryRunner) {
    await createEventTables(q);
  }
  async down() {}
}

let probeUp = true;

/** A kit part that reports in the health answer, as a directory replica or a file store would. */
@Injectable()
class ProbePart implements OnModuleInit {
  constructor(
    private readonly checks: ServiceHealthChecks,
    @Inject(SERVICE_CONFIG) readonly config: BaseServiceConfig,
  ) {}
  onModuleInit() {
    this.checks.register('probe', async () => (probeUp ? { status: 'up' } : { status: 'down', error: 'probe says no' }));
  }
}

@Module({})
class ProbeAppModule {
  static forRoot(config: BaseServiceConfig, logger: import('pino').Logger): DynamicModule {
    return {
      module: ProbeAppModule,
      imports: [ServiceKitModule.forRoot({ name: 'kitprobe', config, logger, entities: [], migrations: [ProbeTables1700000000001] })],
      providers: [ProbePart],
    };
  }
}

const probeService = defineService({
  registration: { name: 'kitprobe', app: 'kitprobe-service', database: 'xb_kitprobe' },
  config: BaseServiceConfig,
  dataSource: (config) => serviceDataSourceOptions({ url: config.DATABASE_URL, entities: [], migrations: [ProbeTables1700000000001] }),
  module: ({ config, logger }) => ProbeAppModule.forRoot(config, logger),
});

describe('ServiceKitModule.forRoot + defineService (real PostgreSQL + NATS JetStream)', () => {
  let nats: PrivateNats;
  let dbUrl: string;
  let app: INestMicroservice;
  let client: ClientProxy;
  let env: Record<string, string>;

  beforeAll(async () => {
    nats = await startPrivateNats();
    dbUrl = await createTestDatabase('kit_module');
    env = { DATABASE_URL: dbUrl, NATS_URL: nats.url, LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50' };
    expect(await probeService.migrate(env)).toEqual(['ProbeTables1700000000001']);
    app = await probeService.start(env);
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await app?.close().catch(() => undefined);
    await nats?.stop();
    if (dbUrl) await dropTestDatabase(dbUrl);
  });

  const health = () => firstValueFrom(client.send<ServiceHealth>(healthPattern('kitprobe'), { actor: null, data: {} }).pipe(timeout(5000)));

  it('answers <name>.health.ping with the database, NATS and every registered part', async () => {
    probeUp = true;
    expect(await health()).toMatchObject({ service: 'kitprobe', status: 'up', components: { database: { status: 'up' }, nats: { status: 'up' }, probe: { status: 'up' } } });
    probeUp = false;
    expect(await health()).toMatchObject({ status: 'down', components: { probe: { status: 'down', error: 'probe says no' } } });
    probeUp = true;
  });

  it('publishes an event committed to the outbox to the EVENTS stream without being asked (relay started by the kit)', async () => {
    const ds = app.get<DataSource>(getDataSourceToken());
    await ds.transaction((m) => appendEvent(m, { name: 'kitprobe.thing.happened', actor: null, aggregateType: 'thing', aggregateId: 't1', payload: { n: 1 } }));
    const jet = app.get<JetStreamHandle>(JETSTREAM);
    await waitFor(async () => (await jet.jsm.streams.info(EVENTS_STREAM)).state.messages === 1, { what: 'the event on the stream' });
    const [{ pending }] = (await ds.query(`SELECT count(*)::int AS pending FROM outbox_event WHERE published_at IS NULL`)) as { pending: number }[];
    expect(pending).toBe(0);
  });

  it('lists every bad variable in one error', async () => {
    await expect(probeService.migrate({ DATABASE_URL: 'mysql://x', NATS_URL: 'http://y', LOG_LEVEL: 'loud' })).rejects.toThrow(/Invalid configuration \(3\)/);
  });

  it('closes its JetStream connection when the app closes', async () => {
    const jet = app.get<JetStreamHandle>(JETSTREAM);
    await app.close();
    expect(jet.nc.isClosed()).toBe(true);
  });
});
