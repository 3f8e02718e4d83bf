import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { COMPLAINT_EVENTS, type SupervisionRunResult } from '@xb/contracts';
import { appendEvent, OutboxRelay, withLeaderLock } from '@xb/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { ComplaintTimelineEntry } from '../complaints/complaint-timeline.entity.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { SYSTEM_ACTOR } from '../complaints/complaint.mapper.js';
import { CLOCK_STATUSES } from '../complaints/complaints.repository.js';
import { channelTimeLimits, type ComplaintsConfig } from '../config/complaints.config.js';
import { COMPLAINTS_CONFIG, LOGGER, type AppLogger } from '../tokens.js';
import { deadlineKey, escalationTarget, tightestThreshold } from './escalation-target.js';

/** pg_advisory lock key of the supervision job ("督办" as a number that no other job uses). */
export const SUPERVISION_LOCK_KEY = 7215101;
/** At most this many complaints of each kind per pass; the next pass continues. */
const BATCH = 500;

/**
 * 督办 — one supervision pass: reminders before the due date and escalation of overdue
 * complaints to the unit above the handling unit. Exactly one instance runs a pass at a
 * time (PostgreSQL advisory lock); each reminder and escalation is also recorded in
 * `complaint_supervision` under a unique key, in the same transaction as its event, so
 * it happens at most once even if two passes overlapped.
 */
@Injectable()
export class SupervisionService {
  private readonly thresholds: number[];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(COMPLAINTS_CONFIG) config: ComplaintsConfig,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {
    this.thresholds = channelTimeLimits(config).reminderDays;
  }

  /** Runs a pass if no other instance is running one; `ran: false` otherwise. */
  async runOnce(now = new Date()): Promise<SupervisionRunResult> {
    const result = await withLeaderLock(this.ds, SUPERVISION_LOCK_KEY, () => this.pass(now));
    if (!result) return { ran: false, reminders: 0, escalations: 0 };
    if (result.reminders || result.escalations) {
      this.relay.kick();
      this.logger.info(result, 'supervision pass');
    }
    return result;
  }

  /** The pass itself, without the lock: the ledger alone keeps it idempotent (tests race two of these). */
  async pass(now: Date): Promise<SupervisionRunResult> {
    let reminders = 0;
    let escalations = 0;
    for (const c of await this.dueSoon(now)) if (await this.remind(c, now)) reminders++;
    for (const c of await this.overdue(now)) if (await this.escalate(c, now)) escalations++;
    return { ran: true, reminders, escalations };
  }

  /** Complaints with a running clock (resolved but customer not yet informed included) due within the widest reminder threshold. */
  private dueSoon(now: Date): Promise<Complaint[]> {
    const widest = Math.max(0, ...this.thresholds);
    if (!widest) return Promise.resolve([]);
    return this.open()
      .andWhere('c.dueAt > :now AND c.dueAt <= :horizon', { now, horizon: new Date(now.getTime() + widest * 86_400_000) })
      .orderBy('c.dueAt', 'ASC')
      .limit(BATCH)
      .getMany();
  }

  /** Complaints with a running clock (resolved but not yet informed included) past their deadline that were not escalated for this deadline. */
  private overdue(now: Date): Promise<Complaint[]> {
    return this.open()
      .andWhere('c.dueAt <= :now', { now })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM complaint_supervision s WHERE s.complaint_id = c.id AND s.kind = 'escalated'
           AND s.deadline_key = c.clock_cycle::text || '.' || c.extension_level::text)`,
      )
      .orderBy('c.dueAt', 'ASC')
      .limit(BATCH)
      .getMany();
  }

  /** The clock runs until the customer is informed (CLOCK_RUNNING_STATUSES), and is not paused. */
  private open() {
    return this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.status IN (:...open)', { open: CLOCK_STATUSES }).andWhere('c.pausedAt IS NULL');
  }

  /** Claims the ledger row for (complaint, deadline, kind); false when it was claimed before. */
  private async claim(manager: EntityManager, c: Complaint, kind: string): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO complaint_supervision (complaint_id, deadline_key, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING kind`,
      [c.id, deadlineKey(c.clockCycle, c.extensionLevel), kind],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * One reminder per deadline: for the tightest threshold crossed (a complaint found with
   * half a day left gets the 1-day reminder, not both); the wider ones are claimed with it.
   */
  private async remind(c: Complaint, now: Date): Promise<boolean> {
    const threshold = tightestThreshold(c.dueAt, now, this.thresholds);
    if (threshold === null) return false;
    return this.ds.transaction(async (manager) => {
      for (const wider of this.thresholds.filter((t) => t > threshold)) await this.claim(manager, c, `remind:${wider}`);
      if (!(await this.claim(manager, c, `remind:${threshold}`))) return false;
      const facts = {
        id: c.id,
        reference: c.reference,
        thresholdDays: threshold,
        dueAt: c.dueAt.toISOString(),
        handlerId: c.assignedHandlerId,
        unitId: c.assignedUnitId ?? c.orgUnitId,
        status: c.status,
      };
      await this.record(manager, c, 'reminded', now, facts);
      await appendEvent(manager, {
        name: COMPLAINT_EVENTS.reminded,
        actor: null,
        aggregateType: 'complaint',
        aggregateId: c.id,
        orgPath: c.orgPath,
        occurredAt: now.toISOString(),
        payload: facts,
      });
      return true;
    });
  }

  /** Marks the complaint overdue and escalates it to the unit above its handling unit, once per deadline. */
  private async escalate(candidate: Complaint, now: Date): Promise<boolean> {
    return this.ds.transaction(async (manager) => {
      // Re-read under lock: a user may have replied, paused or extended it since the scan.
      const c = await manager.getRepository(Complaint).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: candidate.id }).getOne();
      if (!c || !(CLOCK_STATUSES as readonly string[]).includes(c.status) || c.pausedAt || c.dueAt.getTime() > now.getTime()) return false;
      if (!(await this.claim(manager, c, 'escalated'))) return false;
      const target = escalationTarget(c.assignedUnitPath ?? c.orgPath);
      await manager
        .createQueryBuilder()
        .update(Complaint)
        .set({ overdueAt: c.dueAt, escalatedAt: now, escalatedToUnitId: target.unitId, escalatedToUnitPath: target.unitPath })
        .where('id = :id', { id: c.id })
        .execute();
      const facts = {
        id: c.id,
        reference: c.reference,
        dueAt: c.dueAt.toISOString(),
        overdueSince: c.dueAt.toISOString(),
        handlingUnitId: c.assignedUnitId ?? c.orgUnitId,
        handlerId: c.assignedHandlerId,
        toUnitId: target.unitId,
        toUnitPath: target.unitPath,
        status: c.status,
        severity: c.severity,
      };
      await this.record(manager, c, 'escalated', now, facts);
      await appendEvent(manager, {
        name: COMPLAINT_EVENTS.escalated,
        actor: null,
        aggregateType: 'complaint',
        aggregateId: c.id,
        orgPath: c.orgPath,
        occurredAt: now.toISOString(),
        payload: facts,
      });
      return true;
    });
  }

  private async record(manager: EntityManager, c: Complaint, action: 'reminded' | 'escalated', now: Date, details: Record<string, unknown>): Promise<void> {
    await manager.insert(ComplaintTimelineEntry, {
      id: randomUUID(),
      complaintId: c.id,
      action,
      fromStatus: c.status,
      toStatus: c.status,
      actorId: SYSTEM_ACTOR.id,
      actorUsername: SYSTEM_ACTOR.username,
      actorOrgUnitId: null,
      occurredAt: now,
      note: null,
      details: details as never,
    });
  }
}
