import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import {
  scopePathOf,
  type Actor,
  type CreateUserDto,
  type PersonView,
  type ListQuery,
  type ListResult,
  type UpdateUserDto,
  type UserListFilterDto,
  type UserSortField,
  type UserView,
} from '@xb/contracts';
import { asList, likeContaining, likeStartingWith, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { DirectoryEvents } from '../directory/directory-events.js';
import { DirectoryRepository } from '../directory/directory.repository.js';
import { conflictHttp, notFoundHttp, unprocessableHttp } from '../common/http-errors.js';
import { OrgUnitEntity } from '../org-units/org-unit.entity.js';
import { TtlCache } from '../common/ttl-cache.js';
import { UserEntity } from './user.entity.js';

/** Sort fields of the list spec (contracts) → columns. */
const SORTS: Record<UserSortField, string> = { id: 'u.id', username: 'u.username', displayName: 'u.display_name', createdAt: 'u.created_at', active: 'u.active' };

interface UserRow extends UserEntity {
  orgPath: string;
  atHeadOffice: boolean;
}

/** How long a resolved acting user is reused; deactivation and role changes reach other gateway instances within it. */
const ACTOR_TTL_MS = 5_000;

@Injectable()
export class UsersService {
  private readonly actors = new TtlCache<string, Actor | undefined>(ACTOR_TTL_MS);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly events: DirectoryEvents,
  ) {}

  private base(m?: EntityManager) {
    return (m ?? this.ds.manager)
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrgUnitEntity, 'o', 'o.id = u.org_unit_id')
      .leftJoin(OrgUnitEntity, 'p', 'p.id = o.parent_id')
      .addSelect('o.path', 'org_path')
      .addSelect(`(o.type = 'head_office' OR (o.type = 'department' AND p.type = 'head_office'))`, 'at_head_office');
  }

  private async rows(qb: ReturnType<UsersService['base']>): Promise<UserRow[]> {
    const { entities, raw } = await qb.getRawAndEntities<{ org_path: string; at_head_office: boolean }>();
    return entities.map((e, i) => Object.assign(e, { orgPath: raw[i].org_path, atHeadOffice: raw[i].at_head_office === true }));
  }

  /** The acting user for a token subject, or undefined when inactive or gone. */
  async actorFor(id: string): Promise<Actor | undefined> {
    return this.actors.get(id, () => this.loadActor(id));
  }

  private async loadActor(id: string): Promise<Actor | undefined> {
    const [row] = await this.rows(this.base().where('u.id = :id AND u.active', { id }));
    return row
      ? { id: row.id, username: row.username, roles: row.roles, orgUnitId: row.orgUnitId, orgPath: row.orgPath, atHeadOffice: row.atHeadOffice }
      : undefined;
  }

  /** A page of users in the actor's scope; the query was validated against USER_LIST. */
  async list(actor: Actor, query: ListQuery<UserListFilterDto>): Promise<ListResult<UserView>> {
    const f = query.filter;
    const qb = this.base().where('o.path LIKE :scope', { scope: likeStartingWith(scopePathOf(actor)) });
    if (f.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: likeContaining(f.q) });
    if (f.role) qb.andWhere(':role = ANY(u.roles)', { role: f.role });
    if (f.orgUnitId) qb.andWhere('u.org_unit_id = :org', { org: f.orgUnitId });
    if (f.within) qb.andWhere(`o.path LIKE (SELECT path FROM org_unit WHERE id = :within) || '%'`, { within: f.within });
    if (f.active !== undefined) qb.andWhere('u.active = :active', { active: f.active === true || f.active === 'true' });
    if (f.id) qb.andWhere('u.id IN (:...ids)', { ids: asList(f.id) });
    const total = await qb.getCount();
    qb.orderBy(...orderByOf(SORTS, query.sort)).addOrderBy('u.id', query.sort[1]);
    const [start, end] = query.range;
    const rows = await this.rows(qb.offset(start).limit(end - start + 1));
    return { items: rows.map(toView), total };
  }

  async get(actor: Actor, id: string, m?: EntityManager): Promise<UserView> {
    const [row] = await this.rows(this.base(m).where('u.id = :id', { id }));
    if (!row || !row.orgPath.startsWith(scopePathOf(actor))) throw notFoundHttp('User');
    return toView(row);
  }

  /**
   * A user as a candidate assignee of a complaint: whatever the caller's scope (the
   * complaints service checks that), with its unit's path; undefined when it does not exist.
   */
  async assignee(id: string): Promise<{ id: string; username: string; roles: UserEntity['roles']; active: boolean; orgPath: string } | undefined> {
    const [row] = await this.rows(this.base().where('u.id = :id', { id }));
    return row ? { id: row.id, username: row.username, roles: row.roles, active: row.active, orgPath: row.orgPath } : undefined;
  }

  /** Names and units of the given users, whatever the caller's scope (PersonView); unknown ids are left out. */
  async people(ids: string[]): Promise<PersonView[]> {
    if (ids.length === 0) return [];
    const rows = await this.ds.query<{ id: string; username: string; display_name: string; org_unit_name: string }[]>(
      `SELECT u.id, u.username, u.display_name, o.name AS org_unit_name
         FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name || r.username, orgUnitName: r.org_unit_name }));
  }

  /** The caller's own record (login, /auth/me), whatever its scope. */
  async getOwn(id: string): Promise<UserView> {
    const [row] = await this.rows(this.base().where('u.id = :id', { id }));
    if (!row) throw notFoundHttp('User');
    return toView(row);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await argon2.hash(dto.password, { type: argon2.argon2id });
    const view = await this.ds.transaction(async (m) => {
      await this.assertUnit(m, dto.orgUnitId);
      if (await m.getRepository(UserEntity).existsBy({ username: dto.username })) throw conflictHttp(`Username "${dto.username}" is taken`);
      const id = randomUUID();
      await m.getRepository(UserEntity).insert({
        id,
        username: dto.username,
        displayName: dto.displayName,
        passwordHash,
        orgUnitId: dto.orgUnitId,
        roles: dto.roles,
        active: dto.active ?? true,
      });
      const created = await this.get(actor, id, m);
      await this.events.append(m, actor, 'auth.user.created', await this.directory.user(m, id), created.orgPath);
      return created;
    });
    this.events.published();
    return view;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password ? await argon2.hash(dto.password, { type: argon2.argon2id }) : undefined;
    const view = await this.ds.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFoundHttp('User');
      if (dto.orgUnitId) await this.assertUnit(m, dto.orgUnitId);
      if (id === actor.id && (dto.active === false || (dto.roles && !dto.roles.includes('admin') && user.roles.includes('admin')))) {
        throw unprocessableHttp('You cannot deactivate yourself or remove your own admin role');
      }
      const changes: Partial<UserEntity> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName;
      if (dto.orgUnitId !== undefined) changes.orgUnitId = dto.orgUnitId;
      if (dto.roles !== undefined) changes.roles = dto.roles;
      if (dto.active !== undefined) changes.active = dto.active;
      if (passwordHash) Object.assign(changes, { passwordHash, failedLogins: 0, lockedUntil: null });
      if (Object.keys(changes).length) await repo.update({ id }, changes);
      this.actors.delete(id);
      // Names only: the event (and so the audit entry) never carries password material.
      const changed = [
        ...(['displayName', 'orgUnitId', 'active'] as const).filter((k) => changes[k] !== undefined && changes[k] !== user[k]),
        ...(changes.roles && changes.roles.join() !== user.roles.join() ? ['roles'] : []),
        ...(passwordHash ? ['password'] : []),
      ];
      const after = await this.get(actor, id, m);
      if (changed.length) {
        const name = user.active && changes.active === false ? 'auth.user.deactivated' : 'auth.user.updated';
        await this.events.append(m, actor, name, { ...(await this.directory.user(m, id)), changed }, after.orgPath);
      }
      return after;
    });
    this.events.published();
    return view;
  }

  async remove(actor: Actor, id: string): Promise<UserView> {
    if (id === actor.id) throw unprocessableHttp('You cannot delete yourself');
    const removed = await this.ds.transaction(async (m) => {
      const view = await this.get(actor, id, m);
      const record = await this.directory.user(m, id);
      await m.getRepository(UserEntity).delete({ id });
      this.actors.delete(id);
      // Replicas keep no deleted users: a deletion is a deactivation that says so.
      const version = await this.directory.nextVersion(m);
      await this.events.append(m, actor, 'auth.user.deactivated', { ...record, active: false, version, deleted: true, changed: ['deleted'] }, view.orgPath);
      return view;
    });
    this.events.published();
    return removed;
  }

  private async assertUnit(m: EntityManager, orgUnitId: string) {
    if (!(await m.getRepository(OrgUnitEntity).existsBy({ id: orgUnitId }))) {
      throw unprocessableHttp('Org unit does not exist', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    }
  }
}

export function toView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    orgUnitId: u.orgUnitId,
    orgPath: u.orgPath,
    roles: u.roles,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
