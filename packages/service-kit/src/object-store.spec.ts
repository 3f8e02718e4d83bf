import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startPrivateNats, type PrivateNats } from '@xb/test-kit';
import { contentObjectName, FileBuckets } from './object-store.js';

describe('FileBuckets on a private nats-server', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let buckets: FileBuckets;

  beforeAll(async () => {
    nats = await startPrivateNats();
    nc = await connect({ servers: nats.url });
    buckets = new FileBuckets(nc, { replicas: 1 });
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('keeps one bucket per service with the configured storage', async () => {
    const status = await (await buckets.bucket('inspections')).status();
    expect(status.bucket).toBe('files-inspections');
    expect(status.replicas).toBe(1);
    expect(status.storage).toBe('file');
  });

  it('writes a content once, streams it back whole, and removes it', async () => {
    const bytes = randomBytes(300 * 1024); // several object-store chunks
    const name = contentObjectName('a'.repeat(64));
    expect(await buckets.putIfAbsent('campaigns', name, bytes)).toBe(true);
    const size = (await (await buckets.bucket('campaigns')).status()).size;
    expect(await buckets.putIfAbsent('campaigns', name, bytes)).toBe(false);
    expect((await (await buckets.bucket('campaigns')).status()).size).toBe(size);

    const object = (await buckets.open('campaigns', name))!;
    expect(object.size).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const chunk of object.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    await object.done;
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);

    expect(await buckets.remove('campaigns', name)).toBe(true);
    expect(await buckets.has('campaigns', name)).toBe(false);
    expect(await buckets.open('campaigns', name)).toBeNull();
    expect(await buckets.remove('campaigns', name)).toBe(false);
  });
});
