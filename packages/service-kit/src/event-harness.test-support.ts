/**
 * For service-kit's own tests (not built into dist): a private nats-server with the EVENTS
 * stream, a fresh database with the outbox and ledger tables (plus `seen`, a table tests may
 * write from a handler), a data source and a JetStream handle. `stop()` undoes all of it.
 */
import { createTestDatabase, dropTestDatabase, startPrivateNats, type PrivateNats } from '@xb/test-kit';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrate, serviceDataSourceOptions } from './database.js';
import { connectJetStream, ensureEventsStream, type JetStreamHandle } from './jetstream.js';
import { createEventTables } from './outbox.js';

class EventTables1700000000000 implements MigrationInterface {
  name = 'EventTables1700000000000';
  async up(q: QueryRunner) {
    await createEventTables(q);
    await q.query(`CREATE TABLE seen (event_id uuid NOT NULL, consumer text NOT NULL)`);
  }
  async down() {}
}

export interface EventHarness {
  nats: PrivateNats;
  ds: DataSource;
  jet: JetStreamHandle;
  stop(): Promise<void>;
}

export async function startEventHarness(name: string): Promise<EventHarness> {
  const nats = await startPrivateNats();
  const url = await createTestDatabase(name);
  const options = serviceDataSourceOptions({ url, entities: [], migrations: [EventTables1700000000000] });
  await migrate(options);
  const ds = await new DataSource(options).initialize();
  const jet = await connectJetStream(nats.url, `${name}-test`);
  await ensureEventsStream(jet.jsm);
  return {
    nats,
    ds,
    jet,
    async stop() {
      await jet.nc.close();
      await ds.destroy();
      await nats.stop();
      await dropTestDatabase(url);
    },
  };
}
