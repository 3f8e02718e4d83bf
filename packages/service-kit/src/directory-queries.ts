import type { Actor, DirectoryOrgUnit, DirectoryUser, OrgUnitType, Role } from '@xb/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { DirectoryReplica } from './directory-replica.js';

export type ReplicaOrgUnit = Omit<DirectoryOrgUnit, 'version'>;
export type ReplicaUser = Omit<DirectoryUser, 'version'> & { orgPath: string };

export interface StaffCount {
  orgUnitId: string;
  code: string;
  name: string;
  type: OrgUnitType;
  path: string;
  /** Active users whose unit is this one. */
  staff: number;
  /** Active users of this unit and every unit below it. */
  staffInSubtree: number;
}

const UNIT_COLUMNS = `u.id, u.code, u.name, u.type, u.parent_id AS "parentId", u.path, u.depth`;
const USER_COLUMNS = `p.id, p.username, p.display_name AS "displayName", p.org_unit_id AS "orgUnitId", p.roles, p.active, u.path AS "orgPath"`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * Answers "who is who" from a service's directory replica: units below X, users of the
 * subtree of X with role R, staff per unit, and the acting user's current scope. Never asks
 * the gateway, except `unitOrFetch` for an id the replica has not met yet.
 */
export class DirectoryQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly replica?: DirectoryReplica,
  ) {}

  private q(m?: EntityManager) {
    return m ?? this.ds.manager;
  }

  /**
   * A unit that exists. With `lock`, the row is share-locked in the caller's transaction, so a
   * concurrent move (which rewrites the subtree's rows) cannot change its path before commit.
   */
  async unit(id: string, opts: { manager?: EntityManager; lock?: boolean } = {}): Promise<ReplicaOrgUnit | undefined> {
    const [row] = (await this.q(opts.manager).query(
      `SELECT ${UNIT_COLUMNS} FROM directory_org_unit u WHERE u.id = $1 AND NOT u.deleted${opts.lock ? ' FOR SHARE' : ''}`,
      [id],
    )) as ReplicaOrgUnit[];
    return row;
  }

  /**
   * The current paths of these units, share-locked in the caller's transaction: a move that
   * rewrites them (and the service's copies) either committed before or waits for this commit.
   */
  async lockPaths(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await manager.query(`SELECT id, path FROM directory_org_unit WHERE id = ANY($1::uuid[]) AND NOT deleted ORDER BY id FOR SHARE`, [ids])) as {
      id: string;
      path: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** Like `unit`, but asks the gateway for an id the replica does not hold yet (it may be seconds behind a creation). */
  async unitOrFetch(id: string, opts: { manager?: EntityManager; lock?: boolean } = {}): Promise<ReplicaOrgUnit | undefined> {
    const found = await this.unit(id, opts);
    if (found || !this.replica) return found;
    const [known] = (await this.q(opts.manager).query(`SELECT deleted FROM directory_org_unit WHERE id = $1`, [id])) as { deleted: boolean }[];
    if (known?.deleted) return undefined;
    await this.replica.fetch('units', [id]).catch(() => undefined);
    return this.unit(id, opts);
  }

  /** The units of X's subtree (X first, then by path); `includeSelf: false` leaves X out. */
  async unitsBelow(unitId: string, { includeSelf = true }: { includeSelf?: boolean } = {}): Promise<ReplicaOrgUnit[]> {
    return (await this.ds.query(
      `SELECT ${UNIT_COLUMNS} FROM directory_org_unit u, directory_org_unit root
        WHERE root.id = $1 AND NOT root.deleted AND NOT u.deleted
          AND u.path LIKE root.path || '%' ${includeSelf ? '' : 'AND u.id <> root.id'}
        ORDER BY u.path`,
      [unitId],
    )) as ReplicaOrgUnit[];
  }

  /** Every unit whose path starts with `path` (a scope), ordered by path. */
  async unitsWithin(path: string): Promise<ReplicaOrgUnit[]> {
    return (await this.ds.query(`SELECT ${UNIT_COLUMNS} FROM directory_org_unit u WHERE NOT u.deleted AND u.path LIKE $1 ORDER BY u.path`, [
      `${escapeLike(path)}%`,
    ])) as ReplicaOrgUnit[];
  }

  /** Like `user`, but asks the gateway for an id the replica does not hold yet. */
  async userOrFetch(id: string): Promise<ReplicaUser | undefined> {
    const found = await this.user(id);
    if (found || !this.replica) return found;
    const [known] = (await this.ds.query(`SELECT deleted FROM directory_user WHERE id = $1`, [id])) as { deleted: boolean }[];
    if (known?.deleted) return undefined;
    await this.replica.fetch('users', [id]).catch(() => undefined);
    return this.user(id);
  }

  async user(id: string): Promise<ReplicaUser | undefined> {
    const [row] = (await this.ds.query(
      `SELECT ${USER_COLUMNS} FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id WHERE p.id = $1 AND NOT p.deleted`,
      [id],
    )) as ReplicaUser[];
    return row;
  }

  /** Users of X's subtree, optionally holding `role`; active ones only unless `includeInactive`. */
  async usersInSubtree(unitId: string, { role, includeInactive = false }: { role?: Role; includeInactive?: boolean } = {}): Promise<ReplicaUser[]> {
    return (await this.ds.query(
      `SELECT ${USER_COLUMNS}
         FROM directory_user p
         JOIN directory_org_unit u ON u.id = p.org_unit_id
         JOIN directory_org_unit root ON root.id = $1
        WHERE NOT p.deleted AND u.path LIKE root.path || '%'
          AND ($2::text IS NULL OR $2 = ANY(p.roles))
          AND ($3 OR p.active)
        ORDER BY p.username`,
      [unitId, role ?? null, includeInactive],
    )) as ReplicaUser[];
  }

  /** Active staff per unit of X's subtree (or the whole tree): own and subtree totals, by path. */
  async staffPerUnit(unitId?: string): Promise<StaffCount[]> {
    const rows = (await this.ds.query(
      `WITH units AS (
         SELECT u.* FROM directory_org_unit u
          WHERE NOT u.deleted AND ($1::uuid IS NULL OR u.path LIKE (SELECT path FROM directory_org_unit WHERE id = $1) || '%')),
       own AS (
         SELECT p.org_unit_id, count(*)::int AS n FROM directory_user p WHERE NOT p.deleted AND p.active GROUP BY p.org_unit_id)
       SELECT u.id AS "orgUnitId", u.code, u.name, u.type, u.path,
              COALESCE(own.n, 0) AS staff,
              (SELECT COALESCE(sum(o2.n), 0)::int FROM units u2 JOIN own o2 ON o2.org_unit_id = u2.id WHERE u2.path LIKE u.path || '%') AS "staffInSubtree"
         FROM units u LEFT JOIN own ON own.org_unit_id = u.id
        ORDER BY u.path`,
      [unitId ?? null],
    )) as StaffCount[];
    return rows;
  }

  /**
   * The actor with its org path and head-office flag as the replica knows them now (a unit
   * moved since the gateway resolved the actor is seen at its new place). Undefined when the
   * replica does not know the actor's unit, even after asking the gateway.
   */
  async resolveActor(actor: Actor): Promise<Actor | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(actor.orgUnitId)) return undefined;
    const unit = await this.unitOrFetch(actor.orgUnitId);
    if (!unit) return undefined;
    let atHeadOffice = unit.type === 'head_office';
    if (!atHeadOffice && unit.type === 'department' && unit.parentId) {
      atHeadOffice = (await this.unit(unit.parentId))?.type === 'head_office';
    }
    return { ...actor, orgPath: unit.path, atHeadOffice };
  }
}
