import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, AuditFilter, AuditVerifyResult, AuditView, ListQuery, ListResult } from '@xb/contracts';
import { currentCorrelationId } from '@xb/service-kit';
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
}

/** Transaction-scoped lock that serialises appends, so the chain stays linear across gateway instances. */
const AUDIT_CHAIN_LOCK = 7215002;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Appends one entry inside the caller's transaction (or a new one). */
  async append(entry: NewAuditEntry, manager?: EntityManager): Promise<void> {
    if (!manager) return this.ds.transaction((m) => this.append(entry, m));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = (await manager.query(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)) as { hash: string }[];
    const prevHash = last?.hash ?? GENESIS_HASH;
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
    await manager.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, resource, resource_id, details, event_id, correlation_id, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [
        at,
        content.actorId,
        content.actorUsername,
        content.action,
        content.resource,
        content.resourceId,
        JSON.stringify(content.details),
        content.eventId,
        currentCorrelationId() ?? null,
        prevHash,
        chainHash(prevHash, content),
      ],
    );
  }

  async list(query: ListQuery<AuditFilter>): Promise<ListResult<AuditView>> {
    const f = query.filter;
    const qb = this.ds.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (f.actorUsername) qb.andWhere('a.actor_username = :u', { u: f.actorUsername });
    if (f.actorId) qb.andWhere('a.actor_id = :aid', { aid: f.actorId });
    if (f.action) qb.andWhere('a.action LIKE :action', { action: `${f.action.replace(/[%_\\]/g, '\\$&')}%` });
    if (f.resource) qb.andWhere('a.resource = :resource', { resource: f.resource });
    if (f.resourceId) qb.andWhere('a.resource_id = :rid', { rid: f.resourceId });
    if (f.from) qb.andWhere('a.at >= :from', { from: new Date(f.from) });
    if (f.to) qb.andWhere('a.at <= :to', { to: new Date(f.to) });
    const column = { seq: 'a.id', id: 'a.id', at: 'a.at', action: 'a.action', actorUsername: 'a.actor_username', resource: 'a.resource' }[query.sort[0]] ?? 'a.id';
    qb.orderBy(column, query.sort[1]).addOrderBy('a.id', query.sort[1]);
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
