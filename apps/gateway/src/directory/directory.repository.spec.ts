import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DIRECTORY_SNAPSHOT_MAX_PAGE, type DirectoryOrgUnit, type DirectoryUser } from '@xb/contracts';
import { migrate } from '@xb/service-kit';
import { createTestDatabase, dropTestDatabase } from '@xb/test-kit';
import { DataSource } from 'typeorm';
import { gatewayDataSourceOptions } from '../database/data-source.js';
import { DirectoryRepository, snapshotRequestProblem } from './directory.repository.js';

/** The snapshot pager and the directory versions on a real gateway database. */
describe('directory snapshot pager (real PostgreSQL)', () => {
  let url: string;
  let ds: DataSource;
  let repo: DirectoryRepository;
  const head = randomUUID();
  const outlets: string[] = [];
  const N = 2 * DIRECTORY_SNAPSHOT_MAX_PAGE + 123;

  beforeAll(async () => {
    url = await createTestDatabase('gw_directory');
    const options = gatewayDataSourceOptions(url);
    await migrate(options);
    ds = await new DataSource(options).initialize();
    repo = new DirectoryRepository(ds);
    await ds.query(`INSERT INTO org_unit (id, code, name, type, parent_id, path, depth) VALUES ($1, 'HO', '总行', 'head_office', NULL, $2, 0)`, [head, `/${head}/`]);
    for (let i = 0; i < N; i++) outlets.push(randomUUID());
    await ds.query(
      `INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
       SELECT id, 'OT-' || ord, '网点 ' || ord, 'outlet', $1, $2 || id || '/', 1 FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [head, `/${head}/`, outlets],
    );
    await ds.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, org_unit_id, roles) VALUES ($1, 'h1', '处理员', 'argon2-secret-hash', $2, '{handler}')`,
      [randomUUID(), outlets[0]],
    );
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('pages every unit once, in id order, with a cursor and a capped page size', async () => {
    const seen: DirectoryOrgUnit[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await repo.page({ kind: 'units', after, limit: 5000 });
      expect(page.items.length).toBeLessThanOrEqual(DIRECTORY_SNAPSHOT_MAX_PAGE);
      seen.push(...(page.items as DirectoryOrgUnit[]));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(N + 1);
    expect(new Set(seen.map((u) => u.id)).size).toBe(N + 1);
    expect(seen.map((u) => u.id)).toEqual([...seen.map((u) => u.id)].sort());
    expect(seen.every((u) => typeof u.version === 'number' && u.version > 0)).toBe(true);
    const one = seen.find((u) => u.id === outlets[0])!;
    expect(one).toEqual({ id: outlets[0], code: 'OT-1', name: '网点 1', type: 'outlet', parentId: head, path: `/${head}/${outlets[0]}/`, depth: 1, version: one.version });
  });

  it('answers only the asked ids, and users without password material', async () => {
    const page = await repo.page({ kind: 'units', ids: [outlets[5], head, randomUUID()] });
    expect(page.items.map((u) => u.id).sort()).toEqual([outlets[5], head].sort());
    expect(page.next).toBeNull();
    const users = await repo.page({ kind: 'users' });
    expect(users.items).toHaveLength(1);
    const [user] = users.items as DirectoryUser[];
    expect(Object.keys(user).sort()).toEqual(['active', 'displayName', 'id', 'orgUnitId', 'roles', 'username', 'version']);
    expect(JSON.stringify(users)).not.toMatch(/argon2|password/i);
  });

  it('draws a new version for a change replicas hold, and none for a login counter', async () => {
    const version = async (table: string, id: string) => Number((await ds.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version);
    const before = await version('org_unit', outlets[1]);
    await ds.query(`UPDATE org_unit SET name = '改名网点' WHERE id = $1`, [outlets[1]]);
    const renamed = await version('org_unit', outlets[1]);
    expect(renamed).toBeGreaterThan(before);
    await ds.query(`UPDATE org_unit SET updated_at = now() WHERE id = $1`, [outlets[1]]);
    expect(await version('org_unit', outlets[1])).toBe(renamed);
    const [{ id: userId }] = await ds.query(`SELECT id FROM app_user WHERE username = 'h1'`);
    const userBefore = await version('app_user', userId);
    await ds.query(`UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = $1`, [userId]);
    expect(await version('app_user', userId)).toBe(userBefore);
    await ds.query(`UPDATE app_user SET roles = '{handler,staff}' WHERE id = $1`, [userId]);
    expect(await version('app_user', userId)).toBeGreaterThan(userBefore);
  });

  it('refuses malformed snapshot requests with a reason', () => {
    expect(snapshotRequestProblem(undefined)).toMatch(/object/);
    expect(snapshotRequestProblem({ kind: 'secrets' })).toMatch(/kind/);
    expect(snapshotRequestProblem({ kind: 'units', after: "' OR 1=1 --" })).toMatch(/after/);
    expect(snapshotRequestProblem({ kind: 'units', limit: 0 })).toMatch(/limit/);
    expect(snapshotRequestProblem({ kind: 'users', ids: ['x'] })).toMatch(/ids/);
    expect(snapshotRequestProblem({ kind: 'users', ids: Array.from({ length: DIRECTORY_SNAPSHOT_MAX_PAGE + 1 }, () => randomUUID()) })).toMatch(/ids/);
    expect(snapshotRequestProblem({ kind: 'units', after: randomUUID(), limit: 10 })).toBeUndefined();
  });
});
