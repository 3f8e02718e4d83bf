import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { scopePathOf, type Actor, type ListQuery, type ListResult, type OrgUnitListFilterDto, type OrgUnitSortField, type OrgUnitView } from '@xb/contracts';
import { asList, likeContaining, likeStartingWith, orderByOf } from '@xb/service-kit';
import { conflictHttp, notFoundHttp, unprocessableHttp } from '../common/http-errors.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateOrgUnitDto, UpdateOrgUnitDto } from '@xb/contracts';
import { DirectoryEvents } from '../directory/directory-events.js';
import { DirectoryRepository } from '../directory/directory.repository.js';
import { OrgUnitEntity } from './org-unit.entity.js';
import { TtlCache } from '../common/ttl-cache.js';

/** Sort fields of the list spec (contracts) → columns. */
const SORTS: Record<OrgUnitSortField, string> = { id: 'u.id', path: 'u.path', code: 'u.code', name: 'u.name', type: 'u.type', depth: 'u.depth', createdAt: 'u.created_at' };

/** Transaction-scoped advisory lock taken by every move of a unit. */
const ORG_TREE_MOVE_LOCK = 7215003;

/** Owns the org tree (materialised paths) and answers "this unit and everything below it". */
@Injectable()
export class OrgUnitsService {
  /**
   * Units resolved for requests (existence, names). A move clears this instance's cache;
   * another gateway instance may hold a moved unit's old path for up to the TTL, which no
   * service relies on: services read paths from their own directory replica.
   */
  private readonly byId = new TtlCache<string, OrgUnitEntity | null>(30_000);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly events: DirectoryEvents,
  ) {}

  private repo(m?: EntityManager) {
    return (m ?? this.ds.manager).getRepository(OrgUnitEntity);
  }

  /** A page of units in the actor's scope; the query was validated against ORG_UNIT_LIST. */
  async list(actor: Actor, query: ListQuery<OrgUnitListFilterDto>): Promise<ListResult<OrgUnitView>> {
    const f = query.filter;
    const qb = this.repo().createQueryBuilder('u').where('u.path LIKE :scope', { scope: likeStartingWith(scopePathOf(actor)) });
    if (f.q) qb.andWhere('(u.name ILIKE :q OR u.code ILIKE :q)', { q: likeContaining(f.q) });
    if (f.type) qb.andWhere('u.type IN (:...types)', { types: asList(f.type) });
    if (f.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: f.parentId });
    if (f.id) qb.andWhere('u.id IN (:...ids)', { ids: asList(f.id) });
    if (f.within) {
      const root = await this.repo().findOneBy({ id: f.within });
      if (!root) return { items: [], total: 0 };
      qb.andWhere('u.path LIKE :within', { within: likeStartingWith(root.path) });
    }
    qb.orderBy(...orderByOf(SORTS, query.sort)).addOrderBy('u.path', 'ASC');
    const [start, end] = query.range;
    const [rows, total] = await qb.skip(start).take(end - start + 1).getManyAndCount();
    return { items: rows.map(toView), total };
  }

  /** A unit visible to the actor, or 404. */
  async get(actor: Actor, id: string): Promise<OrgUnitView> {
    const unit = await this.repo().findOneBy({ id });
    if (!unit || !unit.path.startsWith(scopePathOf(actor))) throw notFoundHttp('Org unit');
    return toView(unit);
  }

  /** Units by code, for resolving the `orgUnitCode` column of a complaint import. */
  async findByCodes(codes: string[]): Promise<Map<string, OrgUnitEntity>> {
    if (!codes.length) return new Map();
    const units = await this.repo().createQueryBuilder('u').where('u.code IN (:...codes)', { codes }).getMany();
    return new Map(units.map((u) => [u.code, u]));
  }

  /** Any unit by id, for resolving references (complaint units, user units). */
  async findById(id: string): Promise<OrgUnitEntity | null> {
    return this.byId.get(id, () => this.repo().findOneBy({ id }));
  }

  async create(actor: Actor, dto: CreateOrgUnitDto): Promise<OrgUnitView> {
    const view = await this.ds.transaction(async (m) => {
      const id = randomUUID();
      let path = `/${id}/`;
      let depth = 0;
      if (dto.parentId) {
        // FOR SHARE: a concurrent move of the parent commits first, so the path below is current.
        const parent = await this.repo(m).findOne({ where: { id: dto.parentId }, lock: { mode: 'pessimistic_read' } });
        if (!parent || !parent.path.startsWith(scopePathOf(actor))) throw unprocessableHttp('Parent unit does not exist', [{ field: 'parentId', message: 'unknown unit' }]);
        path = `${parent.path}${id}/`;
        depth = parent.depth + 1;
        if (dto.type === 'head_office') throw unprocessableHttp('A head office cannot have a parent', [{ field: 'type', message: 'head_office must be the root' }]);
      } else {
        if (dto.type !== 'head_office') throw unprocessableHttp('Only the head office may be created without a parent', [{ field: 'parentId', message: 'required' }]);
        if (await this.repo(m).existsBy({ type: 'head_office' })) throw conflictHttp('A head office already exists');
      }
      await this.assertCodeFree(m, dto.code);
      const unit = this.repo(m).create({ id, code: dto.code, name: dto.name, type: dto.type, parentId: dto.parentId ?? null, path, depth });
      await this.repo(m).insert(unit);
      const created = await this.directory.unit(m, id);
      await this.events.append(m, actor, 'org.unit.created', created, created.path);
      return toView((await this.repo(m).findOneBy({ id }))!);
    });
    this.events.published();
    return view;
  }

  async update(actor: Actor, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnitView> {
    const view = await this.ds.transaction(async (m) => {
      const moving = dto.parentId !== undefined;
      // Moves are serialised: two concurrent moves could otherwise build a cycle between them.
      if (moving) await m.query('SELECT pg_advisory_xact_lock($1)', [ORG_TREE_MOVE_LOCK]);
      const unit = await this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      // Data scope (the permissions table's `scoped`): an admin of a branch manages only its own subtree.
      if (!unit || !unit.path.startsWith(scopePathOf(actor))) throw notFoundHttp('Org unit');
      if (dto.type && dto.type !== unit.type && (dto.type === 'head_office' || unit.type === 'head_office')) {
        throw unprocessableHttp('The head office type cannot be changed', [{ field: 'type', message: 'cannot be changed' }]);
      }
      if (dto.code && dto.code !== unit.code) await this.assertCodeFree(m, dto.code);
      const moved = moving && (dto.parentId ?? null) !== unit.parentId ? await this.move(m, unit, dto.parentId ?? null, scopePathOf(actor)) : undefined;
      const changes = { ...(dto.code ? { code: dto.code } : {}), ...(dto.name ? { name: dto.name } : {}), ...(dto.type ? { type: dto.type } : {}) };
      const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== unit[k]);
      if (changed.length) await this.repo(m).update({ id }, changes);
      if (moved) this.byId.clear();
      else this.byId.delete(id);
      const after = await this.directory.unit(m, id);
      // A move is one event for the whole subtree; its payload is the unit as it is now (a rename in the same request included).
      if (moved) await this.events.append(m, actor, 'org.unit.moved', { ...after, ...moved, ...(changed.length ? { changed } : {}) }, after.path);
      else if (changed.length) await this.events.append(m, actor, 'org.unit.updated', { ...after, changed }, after.path);
      return toView((await this.repo(m).findOneBy({ id }))!);
    });
    this.events.published();
    return view;
  }

  /**
   * Moves a unit under another parent: rewrites the path and depth of the unit and of every
   * unit below it in one statement (users hold no path: theirs follows their unit). Refuses
   * (422) moving the head office, an unknown parent, and a parent that is the unit itself
   * or lies below it (a cycle).
   */
  private async move(m: EntityManager, unit: OrgUnitEntity, parentId: string | null, scope: string): Promise<{ oldParentId: string | null; oldPath: string }> {
    if (unit.type === 'head_office') throw unprocessableHttp('The head office cannot be moved', [{ field: 'parentId', message: 'the head office is the root' }]);
    if (!parentId) throw unprocessableHttp('Only the head office may be without a parent', [{ field: 'parentId', message: 'required' }]);
    const parent = await this.repo(m).findOne({ where: { id: parentId }, lock: { mode: 'pessimistic_read' } });
    // A parent outside the caller's scope is as unknown as a missing one.
    if (!parent || !parent.path.startsWith(scope)) throw unprocessableHttp('Parent unit does not exist', [{ field: 'parentId', message: 'unknown unit' }]);
    if (parent.path.startsWith(unit.path)) {
      throw unprocessableHttp('A unit cannot be moved under itself or a unit below it', [{ field: 'parentId', message: 'would create a cycle' }]);
    }
    await m.query(
      `UPDATE org_unit
          SET path = $2 || substr(path, length($1) + 1),
              depth = depth + $3,
              parent_id = CASE WHEN id = $4 THEN $5::uuid ELSE parent_id END,
              updated_at = CASE WHEN id = $4 THEN now() ELSE updated_at END
        WHERE path LIKE $1 || '%'`,
      [unit.path, `${parent.path}${unit.id}/`, parent.depth + 1 - unit.depth, unit.id, parent.id],
    );
    return { oldParentId: unit.parentId, oldPath: unit.path };
  }

  async remove(actor: Actor, id: string): Promise<OrgUnitView> {
    const view = await this.ds.transaction(async (m) => {
      const unit = await this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      // Data scope (the permissions table's `scoped`): an admin of a branch manages only its own subtree.
      if (!unit || !unit.path.startsWith(scopePathOf(actor))) throw notFoundHttp('Org unit');
      if (await this.repo(m).existsBy({ parentId: id })) throw conflictHttp('The unit has child units; move or delete them first');
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM app_user WHERE org_unit_id = $1`, [id])) as { n: number }[];
      if (n > 0) throw conflictHttp(`The unit still has ${n} user(s); move them first`);
      await this.repo(m).delete({ id });
      this.byId.delete(id);
      const version = await this.directory.nextVersion(m);
      await this.events.append(m, actor, 'org.unit.deleted', { id, code: unit.code, name: unit.name, parentId: unit.parentId, path: unit.path, version }, unit.path);
      return toView(unit);
    });
    this.events.published();
    return view;
  }

  private async assertCodeFree(m: EntityManager, code: string) {
    if (await this.repo(m).existsBy({ code })) throw conflictHttp(`Org unit code "${code}" is already used`);
  }
}

export function toView(u: OrgUnitEntity): OrgUnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type,
    parentId: u.parentId,
    path: u.path,
    depth: u.depth,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
