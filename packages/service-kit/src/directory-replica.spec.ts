import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Subscription } from '@nats-io/transport-node';
import {
  DIRECTORY_SNAPSHOT_SUBJECT,
  EVENTS_STREAM,
  eventSubject,
  type DirectoryEventName,
  type DirectoryEventPayloads,
  type DirectoryOrgUnit,
  type DirectorySnapshotRequest,
  type DirectoryUser,
  type DomainEvent,
} from '@xb/contracts';
import { waitFor } from '@xb/test-kit';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { DirectoryQueries } from './directory-queries.js';
import { createDirectoryTables, DirectoryReplica, type DirectoryPathChange } from './directory-replica.js';
import { startEventHarness, type EventHarness } from './event-harness.test-support.js';

const logger = pino({ level: 'silent' });

/** A small bank: HO → two branches → a sub-branch under the first → an outlet under it. */
function tree() {
  const id = () => randomUUID();
  const ho = id();
  const br1 = id();
  const br2 = id();
  const sb = id();
  const ot = id();
  const unit = (uid: string, code: string, type: DirectoryOrgUnit['type'], parent: DirectoryOrgUnit | null, version: number): DirectoryOrgUnit => ({
    id: uid,
    code,
    name: `name ${code}`,
    type,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${uid}/`,
    depth: parent ? parent.depth + 1 : 0,
    version,
  });
  const HO = unit(ho, 'HO', 'head_office', null, 1);
  const BR1 = unit(br1, 'BR1', 'branch', HO, 2);
  const BR2 = unit(br2, 'BR2', 'branch', HO, 3);
  const SB = unit(sb, 'SB', 'sub_branch', BR1, 4);
  const OT = unit(ot, 'OT', 'outlet', SB, 5);
  return { HO, BR1, BR2, SB, OT };
}

describe('directory replica (real PostgreSQL + NATS JetStream)', () => {
  let harness: EventHarness;
  let ds: DataSource;
  let changes: DirectoryPathChange[];

  beforeAll(async () => {
    harness = await startEventHarness('kit_directory');
    ds = harness.ds;
    const qr = ds.createQueryRunner();
    await createDirectoryTables(qr);
    await qr.release();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  beforeEach(async () => {
    changes = [];
    await ds.query(`TRUNCATE directory_org_unit, directory_user, processed_event`);
    await harness.jet.jsm.streams.purge(EVENTS_STREAM);
  });

  const newReplica = (durable: string, extra: Partial<ConstructorParameters<typeof DirectoryReplica>[3]> = {}) =>
    new DirectoryReplica(ds, harness.jet, logger, {
      durable,
      onPathChanged: async (_m, change) => {
        changes.push(change);
      },
      ...extra,
    });

  let seq = 0;
  const event = <N extends DirectoryEventName>(name: N, payload: DirectoryEventPayloads[N]): DomainEvent<DirectoryEventPayloads[N]> => ({
    id: randomUUID(),
    name,
    occurredAt: new Date(Date.UTC(2026, 10, 26, 0, 0, seq++)).toISOString(),
    actor: null,
    aggregateType: name.startsWith('org.') ? 'org-unit' : 'user',
    aggregateId: payload.id,
    payload,
  });

  /** Applies events through the replica's handler, each in its own transaction, like separate deliveries. */
  const applyAll = async (replica: DirectoryReplica, events: DomainEvent<unknown>[]) => {
    for (const e of events) await ds.transaction((m) => replica.apply(m, e));
  };

  const units = async () =>
    new Map(
      ((await ds.query(`SELECT id, code, name, path, depth, version::int AS version, deleted FROM directory_org_unit`)) as {
        id: string;
        code: string;
        name: string;
        path: string;
        depth: number;
        version: number;
        deleted: boolean;
      }[]).map((r) => [r.id, r]),
    );

  it('applies a unit event twice as once, and ignores an older version after a newer one', async () => {
    const { HO, BR1 } = tree();
    const replica = newReplica('t-idem');
    const renamed = event('org.unit.updated', { ...BR1, name: '资阳分行', version: 9, changed: ['name'] });
    await applyAll(replica, [event('org.unit.created', HO), renamed, renamed, event('org.unit.created', BR1)]);
    const rows = await units();
    expect(rows.get(BR1.id)).toMatchObject({ name: '资阳分行', version: 9, path: BR1.path, deleted: false });
    expect(rows.size).toBe(2);
  });

  it('moves the whole subtree on one moved event and reports the path change once', async () => {
    const { HO, BR1, BR2, SB, OT } = tree();
    const replica = newReplica('t-move');
    await applyAll(replica, [HO, BR1, BR2, SB, OT].map((u) => event('org.unit.created', u)));
    const newSbPath = `${BR2.path}${SB.id}/`;
    await applyAll(replica, [event('org.unit.moved', { ...SB, parentId: BR2.id, path: newSbPath, depth: 2, version: 20, oldParentId: BR1.id, oldPath: SB.path })]);
    const rows = await units();
    expect(rows.get(SB.id)!.path).toBe(newSbPath);
    expect(rows.get(OT.id)!.path).toBe(`${newSbPath}${OT.id}/`);
    expect(rows.get(OT.id)!.depth).toBe(3);
    expect(rows.get(BR1.id)!.path).toBe(BR1.path);
    expect(changes).toEqual([{ unitId: SB.id, oldPath: SB.path, newPath: newSbPath }]);

    const queries = new DirectoryQueries(ds);
    expect((await queries.unitsBelow(BR2.id)).map((u) => u.code)).toEqual(['BR2', 'SB', 'OT']);
    expect((await queries.unitsBelow(BR1.id)).map((u) => u.code)).toEqual(['BR1']);
  });

  it('keeps a descendant under its moved ancestor when the descendant’s older update arrives after the move', async () => {
    const { HO, BR1, BR2, SB, OT } = tree();
    const replica = newReplica('t-order');
    await applyAll(replica, [HO, BR1, BR2, SB, OT].map((u) => event('org.unit.created', u)));
    const newSbPath = `${BR2.path}${SB.id}/`;
    // The gateway renamed OT (v21) after moving SB (v20), so OT's payload already has the new path;
    // and an update of OT from before the move (v6, old path) is delivered last.
    await applyAll(replica, [
      event('org.unit.moved', { ...SB, parentId: BR2.id, path: newSbPath, depth: 2, version: 20, oldParentId: BR1.id, oldPath: SB.path }),
      event('org.unit.updated', { ...OT, name: 'older name', version: 6, changed: ['name'] }),
    ]);
    const rows = await units();
    expect(rows.get(OT.id)).toMatchObject({ name: 'older name', path: `${newSbPath}${OT.id}/` });
    // An out-of-date copy of the move itself changes nothing.
    await applyAll(replica, [event('org.unit.updated', { ...SB, name: 'stale', version: 19 })]);
    expect((await units()).get(SB.id)).toMatchObject({ name: SB.name, path: newSbPath });
  });

  it('keeps a deleted unit deleted when an older update comes late; users follow their unit’s path', async () => {
    const { HO, BR1, BR2 } = tree();
    const replica = newReplica('t-del');
    const handler: DirectoryUser = { id: randomUUID(), username: 'h1', displayName: 'H1', orgUnitId: BR2.id, roles: ['handler'], active: true, version: 10 };
    const staff: DirectoryUser = { id: randomUUID(), username: 's1', displayName: 'S1', orgUnitId: BR2.id, roles: ['staff'], active: true, version: 11 };
    await applyAll(replica, [
      event('org.unit.created', HO),
      event('org.unit.created', BR1),
      event('org.unit.created', BR2),
      event('auth.user.created', handler),
      event('auth.user.created', staff),
      event('org.unit.deleted', { id: BR1.id, code: BR1.code, name: BR1.name, parentId: HO.id, path: BR1.path, version: 12 }),
      event('org.unit.updated', { ...BR1, name: 'late', version: 7 }),
      event('auth.user.deactivated', { ...staff, active: false, version: 13, changed: ['active'] }),
      event('auth.user.updated', { ...staff, displayName: 'older', version: 12 }),
    ]);
    expect((await units()).get(BR1.id)).toMatchObject({ deleted: true, name: BR1.name });
    const queries = new DirectoryQueries(ds);
    expect(await queries.unit(BR1.id)).toBeUndefined();
    expect((await queries.usersInSubtree(HO.id, { role: 'handler' })).map((u) => u.username)).toEqual(['h1']);
    expect((await queries.usersInSubtree(HO.id)).map((u) => u.username)).toEqual(['h1']);
    expect((await queries.usersInSubtree(HO.id, { includeInactive: true })).map((u) => [u.username, u.displayName])).toEqual([
      ['h1', 'H1'],
      ['s1', 'S1'],
    ]);
    const staffCounts = await queries.staffPerUnit();
    expect(staffCounts.map((s) => [s.code, s.staff, s.staffInSubtree])).toEqual(
      expect.arrayContaining([
        ['HO', 0, 1],
        ['BR2', 1, 1],
      ]),
    );
    expect(staffCounts).toHaveLength(2);
    const resolved = await queries.resolveActor({ id: handler.id, username: 'h1', roles: ['handler'], orgUnitId: BR2.id, orgPath: '/stale/' });
    expect(resolved).toMatchObject({ orgPath: BR2.path, atHeadOffice: false });
  });

  it('consumes published events through its durable consumers, once each', async () => {
    const { HO, BR1 } = tree();
    const replica = newReplica('t-live');
    await replica.start(); // empty: asks for a snapshot, which nobody serves here; it retries in the background
    try {
      const created = event('org.unit.created', HO);
      const branch = event('org.unit.created', BR1);
      const user = event('auth.user.created', { id: randomUUID(), username: 'u1', displayName: 'U1', orgUnitId: BR1.id, roles: ['staff'], active: true, version: 3 });
      for (const e of [created, branch, user, created]) {
        await harness.jet.js.publish(eventSubject(e.name), JSON.stringify(e), { msgID: `${e.id}-${Math.random()}` });
      }
      const queries = new DirectoryQueries(ds);
      await waitFor(async () => (await queries.usersInSubtree(HO.id)).length === 1 && (await units()).size === 2, { what: 'replicated events' });
      const ledger = (await ds.query(`SELECT count(*)::int AS n FROM processed_event WHERE consumer LIKE 't-live-%'`)) as { n: number }[];
      expect(ledger[0].n).toBe(3);
    } finally {
      await replica.stop();
    }
  });

  describe('snapshot', () => {
    let subscription: Subscription;
    let served: DirectoryOrgUnit[] = [];
    let servedUsers: DirectoryUser[] = [];
    const requests: DirectorySnapshotRequest[] = [];

    beforeAll(() => {
      // Stands in for the gateway's pager: id order, keyset cursor, page cap.
      subscription = harness.jet.nc.subscribe(DIRECTORY_SNAPSHOT_SUBJECT, {
        callback: (_err, msg) => {
          const req = msg.json<DirectorySnapshotRequest>();
          requests.push(req);
          const all = [...(req.kind === 'units' ? served : servedUsers)].sort((a, b) => a.id.localeCompare(b.id));
          const filtered = all.filter((r) => (!req.after || r.id > req.after) && (!req.ids || req.ids.includes(r.id)));
          const limit = Math.min(req.limit ?? 1000, 1000);
          const items = filtered.slice(0, limit);
          msg.respond(JSON.stringify({ kind: req.kind, items, next: filtered.length > limit ? items[items.length - 1].id : null }));
        },
      });
    });

    afterAll(() => subscription?.unsubscribe());

    it('loads every page on start when empty, then reports a missed move and drops units the gateway no longer has', async () => {
      const { HO, BR1, BR2, SB, OT } = tree();
      const outlets = Array.from({ length: 2500 }, (_, i) => {
        const id = randomUUID();
        return { ...OT, id, code: `OT${i}`, path: `${BR2.path}${id}/`, parentId: BR2.id, depth: 2, version: 100 + i };
      });
      served = [HO, BR1, BR2, SB, OT, ...outlets];
      servedUsers = [{ id: randomUUID(), username: 'u', displayName: 'U', orgUnitId: OT.id, roles: ['handler'], active: true, version: 5000 }];
      requests.length = 0;
      const replica = newReplica('t-snap', { snapshotPageSize: 1000 });
      await replica.start();
      try {
        expect((await units()).size).toBe(2505);
        expect(requests.filter((r) => r.kind === 'units').map((r) => r.after === undefined || r.after === null)).toEqual([true, false, false]);
        const queries = new DirectoryQueries(ds);
        expect((await queries.usersInSubtree(BR1.id, { role: 'handler' })).map((u) => u.username)).toEqual(['u']);

        // While the replica was not looking: SB moved under BR2 (v6000) and one outlet was deleted.
        const movedSb = { ...SB, parentId: BR2.id, path: `${BR2.path}${SB.id}/`, depth: 2, version: 6000 };
        const movedOt = { ...OT, path: `${movedSb.path}${OT.id}/`, depth: 3, version: 6001 };
        served = [HO, BR1, BR2, movedSb, movedOt, ...outlets.slice(1)];
        changes = [];
        await replica.loadSnapshot();
        const rows = await units();
        expect(rows.get(OT.id)!.path).toBe(movedOt.path);
        expect(rows.get(outlets[0].id)!.deleted).toBe(true);
        expect(changes).toContainEqual({ unitId: SB.id, oldPath: SB.path, newPath: movedSb.path });
        expect((await queries.usersInSubtree(BR1.id, { role: 'handler' })).map((u) => u.username)).toEqual([]);
        expect((await queries.usersInSubtree(BR2.id, { role: 'handler' })).map((u) => u.username)).toEqual(['u']);
      } finally {
        await replica.stop();
      }
    });

    it('loads the snapshot again when the stream no longer reaches back to what its consumers got (lagging), not otherwise', async () => {
      const { HO, BR1, BR2 } = tree();
      served = [HO, BR1];
      servedUsers = [];
      const first = newReplica('t-lag');
      await first.start();
      await first.stop();
      requests.length = 0;
      // Nothing missed: a restart does not ask.
      const again = newReplica('t-lag');
      await again.start();
      await again.stop();
      expect(requests).toEqual([]);
      // While it is down, BR2 is created and its event ages out of the stream (removed as max_age would).
      served = [HO, BR1, BR2];
      const created = event('org.unit.created', BR2);
      const { seq } = await harness.jet.js.publish(eventSubject(created.name), JSON.stringify(created), { msgID: created.id });
      await harness.jet.jsm.streams.deleteMessage(EVENTS_STREAM, seq);
      const lagging = newReplica('t-lag');
      await lagging.start();
      await lagging.stop();
      expect(requests.map((r) => r.kind)).toEqual(['units', 'users']);
      expect((await units()).get(BR2.id)).toMatchObject({ path: BR2.path, deleted: false });
    });

    it('fetches a unit it has not met yet when asked for it', async () => {
      const { HO, BR1 } = tree();
      served = [HO, BR1];
      const queries = new DirectoryQueries(ds, newReplica('t-fetch'));
      expect(await queries.unit(BR1.id)).toBeUndefined();
      expect(await queries.unitOrFetch(BR1.id)).toMatchObject({ code: 'BR1', path: BR1.path });
    });
  });
});
