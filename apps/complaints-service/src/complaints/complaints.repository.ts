import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { COMPLAINT_SORT_FIELDS, ListResult } from '@xb/contracts';
import { QueryFailedError, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Complaint } from './complaint.entity.js';

/** A list filter after validation: every present criterion is already normalised. */
export interface ComplaintCriteria {
  /** The caller's data scope (org path prefix); always applied. */
  scope: string;
  /** A subtree to narrow to (the filter's org unit). */
  orgPath?: string;
  /** Fallback when only the unit id came: its segment anywhere in the path. */
  orgUnitId?: string;
  status?: string[];
  channel?: string[];
  businessCategory?: string[];
  severity?: string[];
  cause?: string[];
  receivedFrom?: Date;
  /** Inclusive upper bound (an instant was given). */
  receivedTo?: Date;
  /** Exclusive upper bound (a whole day was given). */
  receivedBefore?: Date;
  q?: string;
  ids?: string[];
}

/** Sort fields are entity property names (whitelisted by the contract). */
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

/** `a%b_c\` → `a\%b\_c\\`, so user text matches literally inside LIKE patterns. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** All SQL of the complaints aggregate; the service only orchestrates. */
@Injectable()
export class ComplaintsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** A complaint the caller may see, or null (absent and out of scope look the same). */
  findInScope(id: string, scope: string): Promise<Complaint | null> {
    return this.ds
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .andWhere('c.orgPath LIKE :scope', { scope: `${escapeLike(scope)}%` })
      .getOne();
  }

  findByIdempotencyKey(firstResponderId: string, idempotencyKey: string): Promise<Complaint | null> {
    return this.ds.getRepository(Complaint).findOneBy({ firstResponderId, idempotencyKey });
  }

  /**
   * Inserts a new complaint; false when another request with the same first responder
   * and idempotency key committed first (ON CONFLICT waits for it, then skips).
   */
  async insertUnlessReplayed(manager: EntityManager, complaint: Complaint): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(Complaint).values(complaint).orIgnore().execute();
    return (result.raw as unknown[]).length > 0;
  }

  async nextReferenceNumber(manager: EntityManager): Promise<number> {
    const [{ n }] = (await manager.query(`SELECT nextval('complaint_reference_seq')::bigint AS n`)) as { n: string }[];
    return Number(n);
  }

  /** One page and the total: both start from the same scope-prefixed, index-friendly criteria. */
  async list(criteria: ComplaintCriteria, [start, end]: [number, number], [field, direction]: [ComplaintSortField, 'ASC' | 'DESC']): Promise<ListResult<Complaint>> {
    const base = this.filtered(criteria);
    const [items, total] = await Promise.all([
      base
        .clone()
        .orderBy(`c.${field}`, direction)
        .addOrderBy('c.id', direction)
        .offset(start)
        .limit(end - start + 1)
        .getMany(),
      base.clone().getCount(),
    ]);
    return { items, total };
  }

  private filtered(k: ComplaintCriteria): SelectQueryBuilder<Complaint> {
    const qb = this.ds
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.orgPath LIKE :scope', { scope: `${escapeLike(k.scope)}%` });
    if (k.orgPath) qb.andWhere('c.orgPath LIKE :subtree', { subtree: `${escapeLike(k.orgPath)}%` });
    else if (k.orgUnitId) qb.andWhere('c.orgPath LIKE :segment', { segment: `%/${escapeLike(k.orgUnitId)}/%` });
    const anyOf = { status: 'status', channel: 'channel', businessCategory: 'businessCategory', severity: 'severity', cause: 'cause' } as const;
    for (const [key, property] of Object.entries(anyOf)) {
      const values = k[key as keyof typeof anyOf];
      if (values?.length) qb.andWhere(`c.${property} IN (:...${key})`, { [key]: values });
    }
    if (k.receivedFrom) qb.andWhere('c.receivedAt >= :receivedFrom', { receivedFrom: k.receivedFrom });
    if (k.receivedTo) qb.andWhere('c.receivedAt <= :receivedTo', { receivedTo: k.receivedTo });
    if (k.receivedBefore) qb.andWhere('c.receivedAt < :receivedBefore', { receivedBefore: k.receivedBefore });
    if (k.q) qb.andWhere('(c.reference ILIKE :q OR c.description ILIKE :q)', { q: `%${escapeLike(k.q)}%` });
    if (k.ids?.length) qb.andWhere('c.id IN (:...ids)', { ids: k.ids });
    return qb;
  }
}

/** True when `err` is PostgreSQL's unique violation on the named index. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
