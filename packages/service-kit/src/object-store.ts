import { Objm, StorageType, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { fileBucketOf } from '@xb/contracts';
import { Readable } from 'node:stream';

export interface FileBucketsOptions {
  /** JetStream replicas of each bucket (1 on one server; 3 in a three-node cluster, like the event stream). */
  replicas: number;
  /** Object-store description prefix (which app created it). */
  description?: string;
}

/** An object's bytes as a Node stream, with its size; `done` rejects if the store failed mid-way. */
export interface StoredObject {
  size: number;
  stream: Readable;
  done: Promise<void>;
}

/**
 * Files on the JetStream object store, one bucket per owning service (`files-<service>`),
 * named by content (`sha256/<hex>`) so the same content is stored once. Buckets are
 * created on first use with file storage and the configured replicas; creating an existing
 * bucket opens it.
 */
export class FileBuckets {
  private readonly objm: Objm;
  private readonly buckets = new Map<string, Promise<ObjectStore>>();

  constructor(
    nc: NatsConnection,
    private readonly options: FileBucketsOptions,
  ) {
    this.objm = new Objm(nc);
  }

  bucket(service: string): Promise<ObjectStore> {
    let bucket = this.buckets.get(service);
    if (!bucket) {
      bucket = this.objm.create(fileBucketOf(service), {
        storage: StorageType.File,
        replicas: this.options.replicas,
        description: `${this.options.description ?? 'evidence files'} of ${service}`,
      });
      // A failed create (NATS down at that moment) is retried on the next use.
      bucket.catch(() => this.buckets.delete(service));
      this.buckets.set(service, bucket);
    }
    return bucket;
  }

  /** True when an object of that name is stored (not deleted). */
  async has(service: string, name: string): Promise<boolean> {
    const info = await (await this.bucket(service)).info(name);
    return info !== null && !info.deleted;
  }

  /** Stores `bytes` under `name` unless it is already there; true when it wrote. */
  async putIfAbsent(service: string, name: string, bytes: Uint8Array, contentType?: string): Promise<boolean> {
    if (await this.has(service, name)) return false;
    await (await this.bucket(service)).putBlob({ name, ...(contentType ? { description: contentType } : {}) }, bytes);
    return true;
  }

  /** The object as a stream, or null when there is none. */
  async open(service: string, name: string): Promise<StoredObject | null> {
    const result = await (await this.bucket(service)).get(name);
    if (!result) return null;
    return {
      size: result.info.size,
      stream: Readable.fromWeb(result.data as never),
      done: result.error.then((err) => {
        if (err) throw err;
      }),
    };
  }

  async read(service: string, name: string): Promise<Uint8Array | null> {
    return (await this.bucket(service)).getBlob(name);
  }

  /** Removes the object; false when there was none. */
  async remove(service: string, name: string): Promise<boolean> {
    if (!(await this.has(service, name))) return false;
    await (await this.bucket(service)).delete(name);
    return true;
  }

  /** Names of the stored (not deleted) objects; for tests and maintenance, it reads the whole bucket index. */
  async names(service: string): Promise<string[]> {
    return (await (await this.bucket(service)).list()).filter((i) => !i.deleted).map((i) => i.name);
  }
}

/** Object names inside a bucket: the content by its hash, and the image thumbnail of that content. */
export const contentObjectName = (sha256: string) => `sha256/${sha256}`;
export const thumbnailObjectName = (sha256: string) => `thumb/${sha256}`;
