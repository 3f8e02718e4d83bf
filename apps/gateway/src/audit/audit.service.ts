import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, AuditListFilterDto, AuditSortField, AuditVerifyResult, AuditView, ListQuery, ListResult } from '@xb/contracts';
import { asList, currentCorrelationId, likeStartingWith, orderByOf } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH, type AuditContent } from './audit-chain.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface NewAuditEntry {
  actor: Pick<Actor, 'id' | 'username'> | null;
  action: string;
  resource: string;
  resourceId?: string | null;
  details?: Record<string, unknown>;
  eventId?: string | null;
  at?: Date;
  /** Stored instead of the current correlation id when given (null: none). */
  correlationId?: string | null;
}

/** Sort fields of the list spec (contracts) → columns. */
const AUDIT_SORTS: Record<AuditSortField, string> = { seq: 'a.id', id: 'a.id', at: 'a.at', action: 'a.action', actorUsername: 'a.actor_username', resource: 'a.resource' };

/** Transaction-scoped lock that serialises appends, so the chain stays linear across gateway instances. */
const AUDIT_CHAIN_LOCK = 7215002;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Appends one entry inside the caller's transaction (or a new one). */
  async append(entry: NewAuditEntry, manager?: EntityManager): Promise<void> {
    await this.appendMany([entry], manager);
  }

  /**
   * Appends entries in the given order inside the caller's transaction (or a new one):
   * takes the chain lock once, reads the last hash once, chains the hashes here and
   * writes every row with one INSERT.
   */
  async appendMany(entries: NewAuditEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    if (!manager) return this.ds.transaction((m) => this.appendMany(entries, m));
    // A separate statement: a statement that also read the last hash would use a snapshot
    // taken before it waited for the lock, and could chain onto a stale hash.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = (await manager.query(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)) as { hash: string }[];
    let prevHash = last?.hash ?? GENESIS_HASH;
    const ambientCorrelationId = currentCorrelationId() ?? null;
    const cols = {
      at: [] as string[],
      actorId: [] as (string | null)[],
      actorUsername: [] as (string | null)[],
      action: [] as string[],
      resource: [] as string[],
      resourceId: [] as (string | null)[],
      details: [] as string[],
      eventId: [] as (string | null)[],
      correlationId: [] as (string | null)[],
      prevHash: [] as string[],
      hash: [] as string[],
    };
    for (const entry of entries) {
      const at = new Date(Math.floor((entry.at ?? new Date()).getTime()));
      const content: AuditContent = {
        at: at.toISOString(),
        actorId: entry.actor?.id ?? null,
        actorUsername: entry.actor?.username ?? null,
        action: entry.action,
        resource: entry.resource,
        resourceId: entry.resourceId ?? null,
        details: entry.details ?? {},
        eventId: entry.eventId ?? null,
      };
      const hash = chainHash(prevHash, content);
      cols.at.push(content.at);
      cols.actorId.push(content.actorId);
      cols.actorUsername.push(content.actorUsername);
      cols.action.push(content.action);
      cols.resource.push(content.resource);
      cols.resourceId.push(content.resourceId);
      cols.details.push(JSON.stringify(content.details));
      cols.eventId.push(content.eventId);
      cols.correlationId.push(entry.correlationId !== undefined ? entry.correlationId : ambientCorrelationId);
      cols.prevHash.push(prevHash);
      cols.hash.push(hash);
      prevHash = hash;
    }
    // The chain is verified in id order, so ids must follow the array order: the ORDER BY
    // keeps the subquery sorted and the id default (nextval) is evaluated on its output.
    await manager.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, resource, resource_id, details, event_id, correlation_id, prev_hash, hash)
       SELECT at, actor_id, actor_username, action, resource, resource_id, details, event_id, correlation_id, prev_hash, hash
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::uuid[], $9::text[], $10::text[], $11::text[])
              WITH ORDINALITY AS t(at, actor_id, actor_username, action, resource, resource_id, details, event_id, correlation_id, prev_hash, hash, ord)
        ORDER BY ord`,
      [
        cols.at,
        cols.actorId,
        cols.actorUsername,
        cols.action,
        cols.resource,
        cols.resourceId,
        cols.details,
        cols.eventId,
        cols.correlationId,
        cols.prevHash,
        cols.hash,
      ],
    );
  }

  /** A page of entries; the query was validated against AUDIT_LIST. */
  async list(query: ListQuery<AuditListFilterDto>): Promise<ListResult<AuditView>> {
    const f = query.filter;
    const qb = this.ds.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (f.actorUsername) qb.andWhere('a.actor_username = :u', { u: f.actorUsername });
    if (f.actorId) qb.andWhere('a.actor_id = :aid', { aid: f.actorId });
    if (f.action) qb.andWhere('a.action LIKE :action', { action: likeStartingWith(f.action) });
    if (f.resource) qb.andWhere('a.resource = :resource', { resource: f.resource });
    if (f.resourceId) qb.andWhere('a.resource_id = :rid', { rid: f.resourceId });
    if (f.from) qb.andWhere('a.at >= :from', { from: new Date(f.from) });
    if (f.to) qb.andWhere('a.at <= :to', { to: new Date(f.to) });
    if (f.id) qb.andWhere('a.id IN (:...ids)', { ids: asList(f.id) });
    qb.orderBy(...orderByOf(AUDIT_SORTS, query.sort)).addOrderBy('a.id', query.sort[1]);
    const [start, end] = query.range;
    const [rows, total] = await qb.skip(start).take(end - start + 1).getManyAndCount();
    return { items: rows.map(toView), total };
  }

  async get(id: string): Promise<AuditView | null> {
    const row = await this.ds.getRepository(AuditEntryEntity).findOneBy({ id });
    return row ? toView(row) : null;
  }

  /** Walks the whole chain in id order; reports the first entry whose link or content does not match. */
  async verify(): Promise<AuditVerifyResult> {
    let prevHash = GENESIS_HASH;
    let lastId = '0';
    let entries = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.id > :lastId', { lastId })
        .orderBy('a.id', 'ASC')
        .take(5000)
        .getMany();
      if (!rows.length) return { ok: true, entries };
      for (const row of rows) {
        const content = contentOf(row);
        if (row.prevHash !== prevHash || row.hash !== chainHash(prevHash, content)) {
          return { ok: false, entries, firstBrokenId: String(row.id) };
        }
        prevHash = row.hash;
        lastId = String(row.id);
        entries++;
      }
    }
  }
}

/** The chained content of a stored entry, exactly as it was hashed on append. */
function contentOf(row: AuditEntryEntity): AuditContent {
  const { actorId, actorUsername, action, resource, resourceId, details, eventId } = row;
  return { at: row.at.toISOString(), actorId, actorUsername, action, resource, resourceId, details, eventId };
}

function toView(row: AuditEntryEntity): AuditView {
  return {
    id: String(row.id),
    seq: Number(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    details: row.details,
    eventId: row.eventId,
    correlationId: row.correlationId,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}
