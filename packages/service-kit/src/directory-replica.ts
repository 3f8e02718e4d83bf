import { EVENTS_STREAM, DIRECTORY_SNAPSHOT_SUBJECT, eventNameOf, type DirectoryEvent, type DirectoryOrgUnit, type DirectorySnapshotPage, type DirectorySnapshotRequest, type DirectoryUser, type DomainEvent } from '@xb/contracts';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { DurableConsumer } from './durable-consumer.js';
import type { JetStreamHandle } from './jetstream.js';

/**
 * DDL of a service's directory replica (include it in one of the service's migrations).
 * Rows are never removed: a deleted unit or user stays as a tombstone with its version,
 * so an older event arriving late cannot bring it back.
 */
export async function createDirectoryTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE directory_org_unit (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      parent_id uuid,
      path text NOT NULL,
      depth smallint NOT NULL,
      version bigint NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      replicated_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  await q.query(`CREATE INDEX directory_org_unit_path_idx ON directory_org_unit (path text_pattern_ops)`);
  await q.query(`
    CREATE TABLE directory_user (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      org_unit_id uuid NOT NULL,
      roles text[] NOT NULL,
      active boolean NOT NULL,
      version bigint NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      replicated_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  await q.query(`CREATE INDEX directory_user_unit_idx ON directory_user (org_unit_id)`);
}

export async function dropDirectoryTables(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS directory_user`);
  await q.query(`DROP TABLE IF EXISTS directory_org_unit`);
}

/** A unit's path changed (a move, or a missed move found by a snapshot): everything under `oldPath` is now under `newPath`. */
export interface DirectoryPathChange {
  unitId: string;
  oldPath: string;
  newPath: string;
}

/**
 * Called in the replica's transaction whenever a unit's path changes, so a service that keeps
 * copies of org paths on its own records (for indexed subtree scans) rewrites them together
 * with the replica: both commit or neither does.
 */
export type OnPathChanged = (manager: EntityManager, change: DirectoryPathChange) => Promise<void>;

export interface DirectoryReplicaOptions {
  /** Durable consumer name prefix, e.g. `complaints-directory`; two consumers are made (`-org`, `-auth`). */
  durable: string;
  onPathChanged?: OnPathChanged;
  /** Rows per snapshot request (the gateway caps it). */
  snapshotPageSize?: number;
  /** Per snapshot request. */
  requestTimeoutMs?: number;
}

const SUBJECTS = { org: 'events.org.unit.>', auth: 'events.auth.user.>' } as const;

type UnitRow = Omit<DirectoryOrgUnit, 'version'> & { version: number };
const segmentsOf = (path: string) => path.split('/').filter(Boolean).length;

/**
 * A local copy of who is who (org units and users) in a service's own database, fed by two
 * durable JetStream consumers (`events.org.unit.>`, `events.auth.user.>`) and, when it starts
 * empty or finds the stream no longer reaches back to where it stopped, by the gateway's paged
 * snapshot (`org.directory.snapshot`) first.
 *
 * Every row carries the gateway's version; older news is ignored, so redeliveries, events
 * replayed after a snapshot and events out of order leave the newest state. A unit's path is
 * rebuilt from its parent's path in the replica where the parent is known, and a path change
 * rewrites the whole subtree (and, through `onPathChanged`, the service's own copies).
 */
export class DirectoryReplica {
  private readonly consumers: DurableConsumer[];
  private background: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly jet: JetStreamHandle,
    private readonly logger: Logger,
    private readonly options: DirectoryReplicaOptions,
  ) {
    this.consumers = (Object.keys(SUBJECTS) as (keyof typeof SUBJECTS)[]).map(
      (key) =>
        new DurableConsumer(ds, jet, logger, {
          durable: `${options.durable}-${key}`,
          filterSubject: SUBJECTS[key],
          handleBatch: async (items, manager) => {
            for (const { event, subject } of items) await this.apply(manager, { ...event, name: event.name ?? eventNameOf(subject) });
          },
        }),
    );
  }

  /**
   * Starts the consumers; loads the snapshot first when the replica is empty, a consumer is new,
   * or the stream dropped events the consumer never got. When that first load fails (the
   * gateway is not up yet: no responders), the service starts anyway and keeps retrying in
   * the background; events meanwhile are applied as they come (versions keep the newest).
   */
  async start(): Promise<void> {
    this.stopped = false;
    const needed = await this.snapshotNeeded();
    for (const c of this.consumers) await c.start();
    if (!needed) return;
    try {
      await this.loadSnapshot();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, reason: needed }, 'directory snapshot not loaded yet; retrying in the background');
      this.background = this.loadSnapshotUntilDone();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.consumers) await c.stop();
    await this.background?.catch(() => undefined);
  }

  private async snapshotNeeded(): Promise<string | undefined> {
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM directory_org_unit`)) as { n: number }[];
    if (n === 0) return 'empty';
    const stream = await this.jet.jsm.streams.info(EVENTS_STREAM);
    for (const key of Object.keys(SUBJECTS)) {
      const durable = `${this.options.durable}-${key}`;
      const info = await this.jet.jsm.consumers.info(EVENTS_STREAM, durable).catch(() => undefined);
      if (!info) return `new consumer ${durable}`;
      // Events between what it got and the stream's first message have expired unseen.
      if (stream.state.first_seq > info.delivered.stream_seq + 1) return `stream no longer reaches ${durable}`;
    }
    return undefined;
  }

  private async loadSnapshotUntilDone(): Promise<void> {
    let delay = 250;
    while (!this.stopped) {
      try {
        await this.loadSnapshot();
        return;
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, retryInMs: delay }, 'directory snapshot failed; retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  /**
   * Loads every unit and user from the gateway, page by page (each page in one transaction),
   * applying each row like an event (newer versions only). Afterwards, rows the gateway no
   * longer has are marked deleted, unless an event touched them while the load ran.
   */
  async loadSnapshot(): Promise<{ units: number; users: number }> {
    const [{ started }] = (await this.ds.query(`SELECT clock_timestamp() AS started`)) as { started: Date }[];
    const counts = { units: 0, users: 0 };
    for (const kind of ['units', 'users'] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: DirectorySnapshotPage = await this.requestPage({ kind, after, limit: this.options.snapshotPageSize });
        await this.ds.transaction(async (m) => {
          if (kind === 'units') await this.applySnapshotUnits(m, page.items as DirectoryOrgUnit[]);
          else await this.applySnapshotUsers(m, page.items as DirectoryUser[]);
        });
        seen.push(...page.items.map((i) => i.id));
        counts[kind] += page.items.length;
        after = page.next;
      } while (after);
      const table = kind === 'units' ? 'directory_org_unit' : 'directory_user';
      await this.ds.query(`UPDATE ${table} SET deleted = true WHERE NOT deleted AND replicated_at < $1 AND NOT (id = ANY($2::uuid[]))`, [started, seen]);
    }
    this.logger.info(counts, 'directory snapshot loaded');
    return counts;
  }

  /** Fetches the given units or users (ids this replica met but does not hold yet) and applies them. */
  async fetch(kind: 'units' | 'users', ids: string[]): Promise<void> {
    if (!ids.length) return;
    const page = await this.requestPage({ kind, ids });
    await this.ds.transaction(async (m) => {
      for (const item of page.items) {
        if (kind === 'units') await this.applyUnit(m, item as DirectoryOrgUnit, { trustPath: true });
        else await this.applyUser(m, item as DirectoryUser, false);
      }
    });
  }

  private async requestPage(request: DirectorySnapshotRequest): Promise<DirectorySnapshotPage> {
    const reply = await this.jet.nc.request(DIRECTORY_SNAPSHOT_SUBJECT, JSON.stringify(request), { timeout: this.options.requestTimeoutMs ?? 5000 });
    const body = reply.json<DirectorySnapshotPage | { error: string }>();
    if ('error' in body) throw new Error(`directory snapshot refused: ${body.error}`);
    return body;
  }

  /** Applies one directory event inside the caller's transaction; other events are ignored. */
  async apply(m: EntityManager, event: DomainEvent<unknown>): Promise<void> {
    const e = event as DirectoryEvent;
    switch (e.name) {
      case 'org.unit.created':
      case 'org.unit.updated':
      case 'org.unit.moved':
        await this.applyUnit(m, e.payload as DirectoryOrgUnit, { trustPath: false });
        return;
      case 'org.unit.deleted':
        await this.applyUnitDeleted(m, e.payload as DirectoryEvent<'org.unit.deleted'>['payload']);
        return;
      case 'auth.user.created':
      case 'auth.user.updated':
      case 'auth.user.deactivated':
        await this.applyUser(m, e.payload as DirectoryUser, (e.payload as { deleted?: boolean }).deleted === true);
        return;
      default:
        return;
    }
  }

  /**
   * Upserts a unit when its version is newer. The path is the parent's replica path + id where
   * the parent is known (`trustPath` false: events, which may arrive after a move of an
   * ancestor), else the given one (snapshot rows are current). A changed path moves the subtree.
   */
  private async applyUnit(m: EntityManager, unit: DirectoryOrgUnit, { trustPath }: { trustPath: boolean }): Promise<void> {
    const [current] = (await m.query(`SELECT path, version::float8 AS version, deleted FROM directory_org_unit WHERE id = $1 FOR UPDATE`, [unit.id])) as {
      path: string;
      version: number;
      deleted: boolean;
    }[];
    if (current && current.version >= unit.version) return;
    let path = unit.path;
    if (!trustPath && unit.parentId) {
      const [parent] = (await m.query(`SELECT path FROM directory_org_unit WHERE id = $1 AND NOT deleted`, [unit.parentId])) as { path: string }[];
      if (parent) path = `${parent.path}${unit.id}/`;
    }
    const row: UnitRow = { ...unit, path, depth: segmentsOf(path) - 1 };
    await m.query(
      `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version, deleted, replicated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, type = EXCLUDED.type, parent_id = EXCLUDED.parent_id,
         path = EXCLUDED.path, depth = EXCLUDED.depth, version = EXCLUDED.version, deleted = false, replicated_at = EXCLUDED.replicated_at`,
      [row.id, row.code, row.name, row.type, row.parentId, row.path, row.depth, row.version],
    );
    if (current && !current.deleted && current.path !== path) await this.movePaths(m, { unitId: unit.id, oldPath: current.path, newPath: path });
  }

  /**
   * A snapshot page of units in a few statements: one read of what the replica holds, one
   * upsert of the newer rows. Units whose path changed (a move the replica missed) go through
   * the one-by-one path, which rewrites their subtree.
   */
  private async applySnapshotUnits(m: EntityManager, units: DirectoryOrgUnit[]): Promise<void> {
    if (!units.length) return;
    const held = new Map(
      ((await m.query(`SELECT id, path, version::float8 AS version, deleted FROM directory_org_unit WHERE id = ANY($1::uuid[]) FOR UPDATE`, [units.map((u) => u.id)])) as {
        id: string;
        path: string;
        version: number;
        deleted: boolean;
      }[]).map((r) => [r.id, r]),
    );
    const newer = units.filter((u) => !held.has(u.id) || held.get(u.id)!.version < u.version);
    const moved = newer.filter((u) => held.has(u.id) && !held.get(u.id)!.deleted && held.get(u.id)!.path !== u.path);
    const plain = newer.filter((u) => !moved.includes(u));
    if (plain.length) {
      const col = <K extends keyof DirectoryOrgUnit>(k: K) => plain.map((u) => u[k]);
      await m.query(
        `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version, deleted, replicated_at)
         SELECT id, code, name, type, parent_id, path, depth, version, false, clock_timestamp()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::smallint[], $8::bigint[])
                AS t(id, code, name, type, parent_id, path, depth, version)
         ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, type = EXCLUDED.type, parent_id = EXCLUDED.parent_id,
           path = EXCLUDED.path, depth = EXCLUDED.depth, version = EXCLUDED.version, deleted = false, replicated_at = EXCLUDED.replicated_at
          WHERE directory_org_unit.version < EXCLUDED.version`,
        [col('id'), col('code'), col('name'), col('type'), col('parentId'), col('path'), plain.map((u) => segmentsOf(u.path) - 1), col('version')],
      );
    }
    for (const unit of moved) await this.applyUnit(m, unit, { trustPath: true });
  }

  /** A snapshot page of users in one upsert (newer versions only). */
  private async applySnapshotUsers(m: EntityManager, users: DirectoryUser[]): Promise<void> {
    if (!users.length) return;
    await m.query(
      `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version, deleted, replicated_at)
       SELECT id, username, display_name, org_unit_id, ARRAY(SELECT jsonb_array_elements_text(roles)), active, version, false, clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::boolean[], $7::bigint[])
              AS t(id, username, display_name, org_unit_id, roles, active, version)
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, org_unit_id = EXCLUDED.org_unit_id,
         roles = EXCLUDED.roles, active = EXCLUDED.active, version = EXCLUDED.version, deleted = false, replicated_at = EXCLUDED.replicated_at
        WHERE directory_user.version < EXCLUDED.version`,
      [
        users.map((u) => u.id),
        users.map((u) => u.username),
        users.map((u) => u.displayName),
        users.map((u) => u.orgUnitId),
        users.map((u) => JSON.stringify(u.roles)),
        users.map((u) => u.active),
        users.map((u) => u.version),
      ],
    );
  }

  /** Rewrites the paths below a unit whose own path changed, then lets the service rewrite its copies. */
  private async movePaths(m: EntityManager, change: DirectoryPathChange): Promise<void> {
    await m.query(
      `UPDATE directory_org_unit SET path = $2 || substr(path, length($1) + 1), depth = depth + $3
        WHERE path LIKE $1 || '%' AND id <> $4`,
      [change.oldPath, change.newPath, segmentsOf(change.newPath) - segmentsOf(change.oldPath), change.unitId],
    );
    await this.options.onPathChanged?.(m, change);
  }

  private async applyUnitDeleted(m: EntityManager, unit: DirectoryEvent<'org.unit.deleted'>['payload']): Promise<void> {
    await m.query(
      `INSERT INTO directory_org_unit (id, code, name, type, parent_id, path, depth, version, deleted, replicated_at)
       VALUES ($1, $2, $3, 'outlet', $4, $5, $6, $7, true, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET deleted = true, version = EXCLUDED.version, replicated_at = EXCLUDED.replicated_at
        WHERE directory_org_unit.version < EXCLUDED.version`,
      [unit.id, unit.code, unit.name, unit.parentId, unit.path, segmentsOf(unit.path) - 1, unit.version],
    );
  }

  private async applyUser(m: EntityManager, user: DirectoryUser, deleted: boolean): Promise<void> {
    await m.query(
      `INSERT INTO directory_user (id, username, display_name, org_unit_id, roles, active, version, deleted, replicated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, org_unit_id = EXCLUDED.org_unit_id,
         roles = EXCLUDED.roles, active = EXCLUDED.active, version = EXCLUDED.version, deleted = EXCLUDED.deleted, replicated_at = EXCLUDED.replicated_at
        WHERE directory_user.version < EXCLUDED.version`,
      [user.id, user.username, user.displayName, user.orgUnitId, user.roles, user.active && !deleted, user.version, deleted],
    );
  }
}
