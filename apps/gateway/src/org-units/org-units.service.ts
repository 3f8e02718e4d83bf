import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { scopePathOf, type Actor, type ListQuery, type ListResult, type OrgUnitListFilterDto, type OrgUnitSortField, type OrgUnitView } from '@xb/contracts';
import { asList, likeContaining, likeStartingWith, orderByOf } from '@xb/service-kit';
import { conflictHttp, notFoundHttp, unprocessableHttp } from '../common/http-errors.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateOrgUnitDto, UpdateOrgUnitDto } from '@xb/contracts';
import { AuditService } from '../audit/audit.service.js';
import { OrgUnitEntity } from './org-unit.entity.js';
import { TtlCache } from '../common/ttl-cache.js';

/** Sort fields of the list spec (contracts) → columns. */
const SORTS: Record<OrgUnitSortField, string> = { id: 'u.id', path: 'u.path', code: 'u.code', name: 'u.name', type: 'u.type', depth: 'u.depth', createdAt: 'u.created_at' };

/** Owns the org tree (materialised paths) and answers "this unit and everything below it". */
@Injectable()
export class OrgUnitsService {
  /** Units resolved for commands; paths never change (moves are refused), names rarely. */
  private readonly byId = new TtlCache<string, OrgUnitEntity | null>(30_000);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
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
    return this.ds.transaction(async (m) => {
      const id = randomUUID();
      let path = `/${id}/`;
      let depth = 0;
      if (dto.parentId) {
        const parent = await this.repo(m).findOneBy({ id: dto.parentId });
        if (!parent) throw unprocessableHttp('Parent unit does not exist', [{ field: 'parentId', message: 'unknown unit' }]);
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
      await this.audit.append({ actor, action: 'org.unit.created', resource: 'org-unit', resourceId: id, details: { code: dto.code, name: dto.name, type: dto.type, parentId: dto.parentId ?? null } }, m);
      return toView((await this.repo(m).findOneBy({ id }))!);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnitView> {
    return this.ds.transaction(async (m) => {
      const unit = await this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFoundHttp('Org unit');
      if (dto.parentId !== undefined && (dto.parentId ?? null) !== unit.parentId) {
        // Services keep copies of org paths on their records; moving a unit would strand them.
        throw unprocessableHttp('Moving a unit to another parent is not supported; create a new unit instead', [
          { field: 'parentId', message: 'cannot be changed' },
        ]);
      }
      if (dto.type && dto.type !== unit.type && (dto.type === 'head_office' || unit.type === 'head_office')) {
        throw unprocessableHttp('The head office type cannot be changed', [{ field: 'type', message: 'cannot be changed' }]);
      }
      if (dto.code && dto.code !== unit.code) await this.assertCodeFree(m, dto.code);
      const changes = { ...(dto.code ? { code: dto.code } : {}), ...(dto.name ? { name: dto.name } : {}), ...(dto.type ? { type: dto.type } : {}) };
      await this.repo(m).update({ id }, changes);
      this.byId.delete(id);
      await this.audit.append({ actor, action: 'org.unit.updated', resource: 'org-unit', resourceId: id, details: { before: { code: unit.code, name: unit.name, type: unit.type }, changes } }, m);
      return toView((await this.repo(m).findOneBy({ id }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<OrgUnitView> {
    return this.ds.transaction(async (m) => {
      const unit = await this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFoundHttp('Org unit');
      if (await this.repo(m).existsBy({ parentId: id })) throw conflictHttp('The unit has child units; move or delete them first');
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM app_user WHERE org_unit_id = $1`, [id])) as { n: number }[];
      if (n > 0) throw conflictHttp(`The unit still has ${n} user(s); move them first`);
      await this.repo(m).delete({ id });
      this.byId.delete(id);
      await this.audit.append({ actor, action: 'org.unit.deleted', resource: 'org-unit', resourceId: id, details: { code: unit.code, name: unit.name } }, m);
      return toView(unit);
    });
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
