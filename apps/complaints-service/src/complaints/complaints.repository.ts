import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BUSINESS_CATEGORIES, CAUSES, CLOCK_RUNNING_STATUSES, LIST_COUNT_CAP, type ComplaintSortField, type ListResult } from '@xb/contracts';
import { escapeLike, insertMany } from '@xb/service-kit';
import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ComplaintTimelineEntry } from './complaint-timeline.entity.js';
import { Complaint } from './complaint.entity.js';

/** Advisory-lock class of repeat detection (the two-key form: its own key space, apart from the supervision lock). */
const REPEAT_LOCK_CLASS = 7215102;

/** A list filter after validation: every present criterion is already normalised. */
export interface ComplaintCriteria {
  /** The caller's data scope (org path prefix); always applied. */
  scope: string;
  /** The caller: complaints assigned to it are visible whatever their units. */
  actorId?: string;
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


/**
 * Free text matches the reference, the complaint's text, and the labels of its business
 * category and cause in either language ("信用卡" finds complaints filed under 信用卡 even when
 * the customer wrote "分期"). Labels are a short in-memory list, so they become key IN (…).
 */
function matchText(qb: SelectQueryBuilder<Complaint>, text: string): void {
  const needle = text.trim().toLowerCase();
  // Labels compare by NFKC: 银行卡(借记卡) finds 银行卡（借记卡）.
  const wide = needle.normalize('NFKC');
  const keysLabelled = (list: readonly { key: string; zh: string; en: string }[]) =>
    list.filter((item) => item.zh.normalize('NFKC').toLowerCase().includes(wide) || item.en.toLowerCase().includes(needle)).map((item) => item.key);
  const categories = keysLabelled(BUSINESS_CATEGORIES);
  const causes = keysLabelled(CAUSES);
  const alternatives = ['c.reference ILIKE :q', 'c.description ILIKE :q'];
  if (categories.length) alternatives.push('c.businessCategory IN (:...qCategories)');
  if (causes.length) alternatives.push('c.cause IN (:...qCauses)');
  qb.andWhere(`(${alternatives.join(' OR ')})`, { q: `%${escapeLike(text)}%`, qCategories: categories, qCauses: causes });
}

/**
 * The visibility condition on alias `c`: intake unit or handling unit within the scope, or
 * assigned to the actor. The whole bank (`/`) needs no condition.
 */
export function applyVisibility<T extends object>(qb: SelectQueryBuilder<T>, scope: string, actorId?: string): SelectQueryBuilder<T> {
  if (scope === '/') return qb.andWhere('TRUE');
  const parts = ['c.orgPath LIKE :scope', 'c.assignedUnitPath LIKE :scope'];
  if (actorId) parts.push('c.assignedHandlerId = :visibleTo');
  return qb.andWhere(`(${parts.join(' OR ')})`, { scope: `${escapeLike(scope)}%`, ...(actorId ? { visibleTo: actorId } : {}) });
}

/** Open for the queue: not yet closed, rejected or withdrawn (resolved and replied still need a reply or a follow-up). */
export const QUEUE_STATUSES = ['received', 'assigned', 'in_progress', 'resolved', 'replied'] as const;
/**
 * The clock runs in these: the shared CLOCK_RUNNING_STATUSES (decide AND inform), so
 * `resolved` complaints whose customer is not yet informed stay on the 督办 board and
 * under supervision.
 */
export const CLOCK_STATUSES: readonly string[] = CLOCK_RUNNING_STATUSES;

/** Links shown on a complaint: later repeats of it, and whether it is in the case archive. */
export interface ComplaintLinks {
  repeats: string[];
  typical: boolean;
}

/** All SQL of the complaints aggregate; the service only orchestrates. */
@Injectable()
export class ComplaintsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** A complaint the caller may see, or null (absent and out of scope look the same). */
  findInScope(id: string, scope: string, actorId?: string): Promise<Complaint | null> {
    return applyVisibility(this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id }), scope, actorId).getOne();
  }

  /** Like findInScope, inside a transaction, with the row locked until it ends (workflow commands). */
  lockInScope(manager: EntityManager, id: string, scope: string, actorId: string): Promise<Complaint | null> {
    const qb = manager.getRepository(Complaint).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id });
    return applyVisibility(qb, scope, actorId).getOne();
  }

  /**
   * Writes a workflow change if the row is still at `version` (the version column is
   * incremented by TypeORM); false when another change got there first.
   */
  async updateIfVersion(manager: EntityManager, id: string, version: number, changes: Partial<Complaint>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Complaint)
      .set(changes as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  reload(manager: EntityManager, id: string): Promise<Complaint> {
    return manager.getRepository(Complaint).findOneByOrFail({ id });
  }

  async addTimeline(manager: EntityManager, entry: ComplaintTimelineEntry): Promise<void> {
    // TypeORM's deep-partial type cannot see that an open record fits a jsonb column.
    await manager.insert(ComplaintTimelineEntry, { ...entry, details: entry.details as never });
  }

  timeline(complaintId: string): Promise<ComplaintTimelineEntry[]> {
    return this.ds.getRepository(ComplaintTimelineEntry).find({ where: { complaintId }, order: { occurredAt: 'ASC' } });
  }

  /**
   * 重复投诉 origins, one per lookup: the same customer's latest complaint received within
   * [from, to], or null — compared by the HMAC key only, never by a clear value. One
   * statement for a whole batch.
   */
  /**
   * Serialises intakes of the same customers (重复投诉 detection) across transactions and
   * instances: a transaction-scoped advisory lock per customer key, taken in a fixed order
   * (no deadlock). A concurrent intake of the same customer waits until this one commits, and
   * its repeat lookup — a later statement, so a later snapshot — then sees this complaint.
   */
  async lockCustomers(manager: EntityManager, customerKeys: readonly string[]): Promise<void> {
    const keys = [...new Set(customerKeys)].sort();
    if (!keys.length) return;
    await manager.query(`SELECT pg_advisory_xact_lock(${REPEAT_LOCK_CLASS}, hashtext(k)) FROM (SELECT k FROM unnest($1::text[]) k ORDER BY k) s`, [keys]);
  }

  async findRepeatOrigins(manager: EntityManager, lookups: readonly { customerKey: string; from: Date; to: Date }[]): Promise<({ id: string; receivedAt: Date } | null)[]> {
    const rows = (await manager.query(
      `SELECT k.i::int AS i, r.id, r.received_at
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS k(customer_key, from_at, to_at, i)
        CROSS JOIN LATERAL (
          SELECT id, received_at FROM complaint
           WHERE customer_key = k.customer_key AND received_at >= k.from_at AND received_at <= k.to_at
           ORDER BY received_at DESC, created_at DESC LIMIT 1) r`,
      [lookups.map((l) => l.customerKey), lookups.map((l) => l.from), lookups.map((l) => l.to)],
    )) as { i: number; id: string; received_at: Date }[];
    const out: ({ id: string; receivedAt: Date } | null)[] = lookups.map(() => null);
    for (const r of rows) out[r.i - 1] = { id: r.id, receivedAt: r.received_at };
    return out;
  }

  /** Repeats and case-archive membership of a page of complaints, in two queries. */
  async links(ids: string[]): Promise<Map<string, ComplaintLinks>> {
    const map = new Map<string, ComplaintLinks>(ids.map((id) => [id, { repeats: [], typical: false }]));
    if (!ids.length) return map;
    const [repeats, typical] = await Promise.all([
      this.ds.query(`SELECT repeat_of_id AS of, array_agg(id ORDER BY received_at) AS ids FROM complaint WHERE repeat_of_id = ANY($1::uuid[]) GROUP BY repeat_of_id`, [ids]) as Promise<
        { of: string; ids: string[] }[]
      >,
      this.ds.query(`SELECT complaint_id AS id FROM case_archive_entry WHERE complaint_id = ANY($1::uuid[])`, [ids]) as Promise<{ id: string }[]>,
    ]);
    for (const r of repeats) map.get(r.of)!.repeats = r.ids;
    for (const r of typical) map.get(r.id)!.typical = true;
    return map;
  }

  /**
   * "My queue": open complaints assigned to the actor or handled (or, before assignment,
   * received) within its scope; the actor's own first, then by due date.
   */
  async queue(scope: string, actorId: string, filter: { mine?: boolean; q?: string }, [start, end]: [number, number]): Promise<ListResult<Complaint>> {
    const qb = this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.status IN (:...open)', { open: QUEUE_STATUSES });
    if (filter.mine) qb.andWhere('c.assignedHandlerId = :me', { me: actorId });
    else if (scope !== '/') {
      qb.andWhere('(c.assignedHandlerId = :me OR COALESCE(c.assignedUnitPath, c.orgPath) LIKE :scope)', { me: actorId, scope: `${escapeLike(scope)}%` });
    }
    if (filter.q) matchText(qb, filter.q);
    const [items, total] = await Promise.all([
      qb
        .clone()
        .addSelect('CASE WHEN c.assigned_handler_id = :me THEN 0 ELSE 1 END', 'mine_first')
        .setParameter('me', actorId)
        .orderBy('mine_first', 'ASC')
        .addOrderBy('c.dueAt', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .offset(start)
        .limit(end - start + 1)
        .getMany(),
      qb.clone().getCount(),
    ]);
    return { items, total };
  }

  /** 督办 board: complaints in scope whose clock runs (customer not yet informed) that are overdue, escalated, or due before `dueBefore`; soonest first. */
  async supervisionBoard(scope: string, actorId: string, dueBefore: Date, [start, end]: [number, number]): Promise<ListResult<Complaint>> {
    const qb = this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.status IN (:...open)', { open: CLOCK_STATUSES });
    applyVisibility(qb, scope, actorId);
    qb.andWhere('(c.dueAt <= :dueBefore OR c.escalatedAt IS NOT NULL)', { dueBefore });
    const [items, total] = await Promise.all([
      qb.clone().orderBy('c.dueAt', 'ASC').addOrderBy('c.id', 'ASC').offset(start).limit(end - start + 1).getMany(),
      qb.clone().getCount(),
    ]);
    return { items, total };
  }

  findByIdempotencyKey(firstResponderId: string, idempotencyKey: string): Promise<Complaint | null> {
    return this.ds.getRepository(Complaint).findOneBy({ firstResponderId, idempotencyKey });
  }

  /**
   * Inserts new complaints in one statement. A complaint whose first responder and
   * idempotency key another request committed first is skipped (ON CONFLICT waits for
   * that transaction, then skips). Answers the inserted ones' database-filled columns by id.
   */
  async insertUnlessReplayed(manager: EntityManager, complaints: readonly Complaint[]): Promise<Map<string, Pick<Complaint, 'createdAt' | 'updatedAt' | 'version'>>> {
    const rows = (await insertMany(manager, Complaint, complaints, { skipConflicts: true, returning: ['id', 'created_at', 'updated_at', 'version'] })) as {
      id: string;
      created_at: Date;
      updated_at: Date;
      version: number;
    }[];
    return new Map(rows.map((r) => [r.id, { createdAt: r.created_at, updatedAt: r.updated_at, version: r.version }]));
  }

  /** `count` new reference numbers, ascending. */
  async nextReferenceNumbers(manager: EntityManager, count: number): Promise<number[]> {
    const rows = (await manager.query(`SELECT nextval('complaint_reference_seq')::bigint AS n FROM generate_series(1, $1)`, [count])) as { n: string }[];
    return rows.map((r) => Number(r.n)).sort((x, y) => x - y);
  }

  /**
   * One page and the total, both from the same scope-prefixed, index-friendly criteria.
   * The total counts at most LIST_COUNT_CAP + 1 rows, walking them in the page's own order
   * (so the planner takes the page's covering index; free-text searches excepted): an exact
   * count(*) over a branch's whole scope was most of a list's time at a million complaints.
   * Above the cap the total is a lower bound and says so.
   */
  async list(criteria: ComplaintCriteria, [start, end]: [number, number], [field, direction]: [ComplaintSortField, 'ASC' | 'DESC']): Promise<ListResult<Complaint>> {
    const ordered = this.filtered(criteria).orderBy(`c.${field}`, direction).addOrderBy('c.id', direction);
    // Free text is in no covering index: walking the page's index would visit the heap for every
    // row (a common word at 1M rows: 180 ms), so the planner may take the trigram index (64 ms).
    const counter = criteria.q ? this.filtered(criteria) : ordered.clone();
    const [sql, params] = counter.select('c.id').limit(LIST_COUNT_CAP + 1).getQueryAndParameters();
    const [items, [{ n: counted }]] = await Promise.all([
      ordered
        .clone()
        .offset(start)
        .limit(end - start + 1)
        .getMany(),
      this.ds.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params) as Promise<{ n: number }[]>,
    ]);
    if (counted <= LIST_COUNT_CAP) return { items, total: counted };
    // A page past the cap still exists: the total then counts at least up to its last row.
    return { items, total: Math.max(counted, start + items.length), totalIsLowerBound: true };
  }

  /** The exact number of complaints the criteria match (an on-demand count; lists stop at LIST_COUNT_CAP). */
  count(criteria: ComplaintCriteria): Promise<number> {
    return this.filtered(criteria).getCount();
  }

  private filtered(k: ComplaintCriteria): SelectQueryBuilder<Complaint> {
    const qb = applyVisibility(this.ds.getRepository(Complaint).createQueryBuilder('c'), k.scope, k.actorId);
    if (k.orgPath) qb.andWhere('c.orgPath LIKE :subtree', { subtree: `${escapeLike(k.orgPath)}%` });
    const anyOf = { status: 'status', channel: 'channel', businessCategory: 'businessCategory', severity: 'severity', cause: 'cause' } as const;
    for (const [key, property] of Object.entries(anyOf)) {
      const values = k[key as keyof typeof anyOf];
      if (values?.length) qb.andWhere(`c.${property} IN (:...${key})`, { [key]: values });
    }
    if (k.receivedFrom) qb.andWhere('c.receivedAt >= :receivedFrom', { receivedFrom: k.receivedFrom });
    if (k.receivedTo) qb.andWhere('c.receivedAt <= :receivedTo', { receivedTo: k.receivedTo });
    if (k.receivedBefore) qb.andWhere('c.receivedAt < :receivedBefore', { receivedBefore: k.receivedBefore });
    if (k.q) matchText(qb, k.q);
    if (k.ids?.length) qb.andWhere('c.id IN (:...ids)', { ids: k.ids });
    return qb;
  }
}

