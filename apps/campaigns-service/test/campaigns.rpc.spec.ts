/** The campaigns service over NATS on a private nats-server and a fresh database (the kit's harness). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { healthPattern, type Actor, type ErrorBody, type RpcEnvelope, type ServiceHealth } from '@xb/contracts';
import { CAMPAIGNS_EVENTS, CAMPAIGNS_PATTERNS, type EntryView } from '@xb/contracts/campaigns';
import { waitFor } from '@xb/test-kit';
import { startServiceHarness, type ServiceHarness } from '@xb/test-kit/service-harness';
import { firstValueFrom, timeout } from 'rxjs';

const HEAD = '11111111-1111-4111-8111-111111111111';
const BRANCH1 = '22222222-2222-4222-8222-222222222222';
const BRANCH2 = '33333333-3333-4333-8333-333333333333';
const path = { head: `/${HEAD}/`, branch1: `/${HEAD}/${BRANCH1}/`, branch2: `/${HEAD}/${BRANCH2}/` };
const actor = (username: string, roles: Actor['roles'], orgUnitId: string, orgPath: string): Actor => ({
  id: `0000000${roles.length}-0000-4000-8000-${username.padEnd(12, '0').slice(0, 12).replace(/[^0-9a-f]/g, '0')}`,
  username,
  roles,
  orgUnitId,
  orgPath,
  atHeadOffice: orgUnitId === HEAD,
});
const admin = actor('admin', ['admin'], HEAD, path.head);
const branchAdmin = actor('branchadmin', ['admin'], BRANCH2, path.branch2);
const staff = actor('staff', ['staff'], HEAD, path.head);

describe('campaigns service over NATS (real PostgreSQL + JetStream)', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startServiceHarness('campaigns', { load: () => import('../src/service.js') });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const send = <T>(pattern: string, envelope: RpcEnvelope<unknown>): Promise<T> => firstValueFrom(harness.client.send<T>(pattern, envelope).pipe(timeout(5000)));
  const failure = async (pattern: string, envelope: RpcEnvelope<unknown>): Promise<ErrorBody> => {
    try {
      await send(pattern, envelope);
    } catch (err) {
      return err as ErrorBody;
    }
    throw new Error(`${pattern} unexpectedly succeeded`);
  };
  const rows = async (sql: string) => (await harness.db.query(sql)).rows as Record<string, unknown>[];

  it('answers its health check with the database and NATS up', async () => {
    const health = await send<ServiceHealth>(healthPattern('campaigns'), { actor: admin, data: {} });
    expect(health).toMatchObject({ service: 'campaigns', status: 'up', components: { database: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('creates an entry and publishes its event from the outbox; it reads back in scope and is 404 outside', async () => {
    const created = await send<EntryView>(CAMPAIGNS_PATTERNS.create, { actor: admin, data: { title: '第一条', orgUnitId: BRANCH1, orgPath: path.branch1 } });
    expect(created).toMatchObject({ title: '第一条', orgPath: path.branch1, createdBy: admin.id, version: 1 });
    expect(await send<EntryView>(CAMPAIGNS_PATTERNS.get, { actor: admin, data: { id: created.id } })).toEqual(created);
    expect(await failure(CAMPAIGNS_PATTERNS.get, { actor: branchAdmin, data: { id: created.id } })).toMatchObject({ statusCode: 404 });
    await waitFor(async () => (await rows(`SELECT 1 FROM outbox_event WHERE subject = 'events.${CAMPAIGNS_EVENTS.entryCreated}' AND published_at IS NOT NULL`)).length === 1, {
      what: 'the entry event published',
    });
  });

  it('refuses invalid input with 400 naming the field, and other roles with 403, writing nothing', async () => {
    const before = await rows(`SELECT (SELECT count(*)::int FROM entry) AS entries, (SELECT count(*)::int FROM outbox_event) AS events`);
    expect(await failure(CAMPAIGNS_PATTERNS.create, { actor: admin, data: { title: '', orgUnitId: BRANCH1, orgPath: path.branch1 } })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'title' })],
    });
    expect(await failure(CAMPAIGNS_PATTERNS.create, { actor: branchAdmin, data: { title: 'x', orgUnitId: BRANCH1, orgPath: path.branch1 } })).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: 'orgPath' })],
    });
    expect(await failure(CAMPAIGNS_PATTERNS.create, { actor: staff, data: { title: 'x', orgUnitId: BRANCH1, orgPath: path.branch1 } })).toMatchObject({ statusCode: 403 });
    expect(await rows(`SELECT (SELECT count(*)::int FROM entry) AS entries, (SELECT count(*)::int FROM outbox_event) AS events`)).toEqual(before);
  });
});
