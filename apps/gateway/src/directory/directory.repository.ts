import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DIRECTORY_SNAPSHOT_MAX_PAGE,
  type DirectoryOrgUnit,
  type DirectorySnapshotPage,
  type DirectorySnapshotRequest,
  type DirectoryUser,
} from '@xb/contracts';
import { DataSource, type EntityManager } from 'typeorm';

const UNIT_COLUMNS = `id, code, name, type, parent_id AS "parentId", path, depth, version::float8 AS version`;
const USER_COLUMNS = `id, username, display_name AS "displayName", org_unit_id AS "orgUnitId", roles, active, version::float8 AS version`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The directory as replicas see it: units and users with their versions, never password
 * material. Reads inside a caller's transaction (to build an event from the committed-to-be
 * row) or page by id for the snapshot.
 */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async unit(m: EntityManager, id: string): Promise<DirectoryOrgUnit> {
    const [row] = (await m.query(`SELECT ${UNIT_COLUMNS} FROM org_unit WHERE id = $1`, [id])) as DirectoryOrgUnit[];
    return row;
  }

  async user(m: EntityManager, id: string): Promise<DirectoryUser> {
    const [row] = (await m.query(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id])) as DirectoryUser[];
    return row;
  }

  /** A version for a change that leaves no row behind (a deletion). */
  async nextVersion(m: EntityManager): Promise<number> {
    const [{ v }] = (await m.query(`SELECT nextval('directory_version_seq')::float8 AS v`)) as { v: number }[];
    return v;
  }

  /** One snapshot page, keyset-paged by id; `ids` narrows it to those records. */
  async page(request: DirectorySnapshotRequest): Promise<DirectorySnapshotPage> {
    const limit = Math.min(Math.max(1, Math.floor(Number(request.limit) || DIRECTORY_SNAPSHOT_MAX_PAGE)), DIRECTORY_SNAPSHOT_MAX_PAGE);
    const [table, columns] = request.kind === 'units' ? ['org_unit', UNIT_COLUMNS] : ['app_user', USER_COLUMNS];
    const params: unknown[] = [request.after ?? '00000000-0000-0000-0000-000000000000', limit + 1];
    let where = `id > $1`;
    if (request.ids) {
      params.push(request.ids);
      where += ` AND id = ANY($3::uuid[])`;
    }
    const rows = (await this.ds.query(`SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY id LIMIT $2`, params)) as (DirectoryOrgUnit | DirectoryUser)[];
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { kind: request.kind, items, next: more ? items[items.length - 1].id : null };
  }
}

/** Checks a snapshot request from the bus; returns the reason it is refused, or undefined. */
export function snapshotRequestProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'the request must be a JSON object';
  const r = raw as Record<string, unknown>;
  if (r.kind !== 'units' && r.kind !== 'users') return 'kind must be "units" or "users"';
  if (r.after !== undefined && r.after !== null && (typeof r.after !== 'string' || !UUID.test(r.after))) return 'after must be a UUID';
  if (r.limit !== undefined && (typeof r.limit !== 'number' || !Number.isInteger(r.limit) || r.limit < 1)) return 'limit must be a positive integer';
  if (r.ids !== undefined) {
    if (!Array.isArray(r.ids) || r.ids.length > DIRECTORY_SNAPSHOT_MAX_PAGE || !r.ids.every((id) => typeof id === 'string' && UUID.test(id))) {
      return `ids must be at most ${DIRECTORY_SNAPSHOT_MAX_PAGE} UUIDs`;
    }
  }
  return undefined;
}
