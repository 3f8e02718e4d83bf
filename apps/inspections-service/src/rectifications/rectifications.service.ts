import { addVerifiedToRollup } from '../analysis/rollup.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, mayDo, type Actor, type ListResult } from '@xb/contracts';
import {
  FixRectificationDto,
  INSPECTIONS_EVENTS,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_LIST,
  RejectRectificationDto,
  type OverdueRunResult,
  type RectificationAction,
  type RectificationStatus,
  type RectificationView,
} from '@xb/contracts/inspections';
import { appendEvent, asList, badRequest, conflict, forbidden, listQueryOf, notFound, OutboxRelay, SERVICE_LOGGER, validateDto, withLeaderLock } from '@xb/service-kit';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { assertPermitted, inspectionScope, isUuid } from '../common/access.js';
import { bankDay } from '../common/dates.js';
import { recordEvidence } from '../files/evidence-files.js';
import { RectificationsRepository, type RectificationRow } from './rectifications.repository.js';

/** pg_advisory lock key of the overdue pass ("整改" as a number no other job uses). */
export const OVERDUE_LOCK_KEY = 6425101;

/** The rectification workflow as data: open → fix_submitted → verified, or rejected back to open. */
export const RECTIFICATION_WORKFLOW: Record<RectificationAction, { from: RectificationStatus; to: RectificationStatus }> = {
  fix: { from: 'open', to: 'fix_submitted' },
  verify: { from: 'fix_submitted', to: 'verified' },
  reject: { from: 'fix_submitted', to: 'open' },
};

/**
 * Rectifications 整改: one per failed item of an accepted visit, owned by the outlet (or the
 * unit the reviewer chose), with a deadline; the owner submits the fix, an inspector verifies
 * or rejects it; an open one past its deadline is flagged overdue and escalated once to the
 * unit above the owner (like complaint supervision 督办).
 */
@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rectifications: RectificationsRepository,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  view(r: RectificationRow, actor: Actor, today = bankDay()): RectificationView {
    return {
      id: r.id,
      inspectionId: r.inspection_id,
      outletId: r.outlet_id,
      outletName: r.outlet_name,
      itemKey: r.item_key,
      itemText: r.item_text,
      dimensionKey: r.dimension_key,
      redLine: r.red_line,
      ownerUnitId: r.owner_unit_id,
      ownerUnitName: r.owner_unit_name,
      deadline: r.deadline,
      immediate: r.immediate,
      status: r.status,
      overdue: r.status === 'open' && r.deadline < today,
      escalatedAt: r.escalated_at ? r.escalated_at.toISOString() : null,
      escalatedToUnitId: r.escalated_to_unit_id,
      fixNote: r.fix_note,
      fixFileIds: r.fix_file_ids,
      rejectReason: r.reject_reason,
      rejections: r.rejections,
      reopens: r.reopens,
      reopenedBy: r.reopened_by,
      verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
      openedAt: r.opened_at.toISOString(),
      version: r.version,
      availableActions: RECTIFICATION_ACTIONS.filter((a) => RECTIFICATION_WORKFLOW[a].from === r.status && mayDo(actor.roles, 'rectifications', a)),
    };
  }

  private async visible(actor: Actor, id: unknown, m?: EntityManager, lock = false): Promise<RectificationRow> {
    if (!isUuid(id)) throw badRequest('Validation failed', [{ field: 'id', message: 'id must be a UUID' }]);
    const row = await this.rectifications.get(id, m, lock);
    if (!row || !isWithinPath(row.owner_path, inspectionScope(actor))) throw notFound('Rectification');
    return row;
  }

  async list(actor: Actor, query: unknown): Promise<ListResult<RectificationView>> {
    assertPermitted(actor, 'rectifications', 'list');
    const { filter: f, range, sort } = listQueryOf(query, RECTIFICATION_LIST);
    const today = bankDay();
    const { rows, total } = await this.rectifications.list(
      { scope: inspectionScope(actor), today, ids: asList(f.id), statuses: asList(f.status), inspectionId: f.inspectionId, outletId: f.outletId, overdue: f.overdue },
      range,
      sort,
    );
    return { items: rows.map((r) => this.view(r, actor, today)), total };
  }

  async get(actor: Actor, data: unknown): Promise<RectificationView> {
    assertPermitted(actor, 'rectifications', 'show');
    return this.view(await this.visible(actor, (data as { id?: unknown } | null)?.id), actor);
  }

  private async act(actor: Actor, data: unknown, action: RectificationAction, apply: (m: EntityManager, r: RectificationRow) => Promise<void>): Promise<RectificationView> {
    assertPermitted(actor, 'rectifications', action);
    const id = (data as { id?: unknown } | null)?.id;
    await this.ds.transaction(async (m) => {
      const r = await this.visible(actor, id, m, true);
      if (r.status !== RECTIFICATION_WORKFLOW[action].from) throw conflict(`Cannot ${action} a rectification that is ${r.status}`);
      await apply(m, r);
    });
    this.relay.kick();
    return this.view((await this.rectifications.get(id as string))!, actor);
  }

  /** The owner's fix 整改反馈: a note and evidence. */
  async fix(actor: Actor, data: unknown): Promise<RectificationView> {
    const { id: _id, ...rest } = (data ?? {}) as { id?: unknown };
    const dto = await validateDto(FixRectificationDto, rest);
    return this.act(actor, data, 'fix', async (m, r) => {
      await this.rectifications.fix(m, r.id, dto.note, dto.fileIds ?? []);
      await recordEvidence(m, 'rectification', r.id, dto.fileIds ?? []);
    });
  }

  async verify(actor: Actor, data: unknown): Promise<RectificationView> {
    return this.act(actor, data, 'verify', async (m, r) => {
      await this.rectifications.verify(m, r.id, actor.id);
      await addVerifiedToRollup(m, r.id);
      await appendEvent(m, {
        name: INSPECTIONS_EVENTS.rectificationVerified,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'rectification',
        aggregateId: r.id,
        orgPath: r.owner_path,
        payload: { inspectionId: r.inspection_id, outletId: r.outlet_id, itemKey: r.item_key, deadline: r.deadline, onTime: bankDay() <= r.deadline },
      });
    });
  }

  async reject(actor: Actor, data: unknown): Promise<RectificationView> {
    const { id: _id, ...rest } = (data ?? {}) as { id?: unknown };
    const dto = await validateDto(RejectRectificationDto, rest);
    return this.act(actor, data, 'reject', (m, r) => this.rectifications.reject(m, r.id, dto.reason));
  }

  /** `run-overdue` by hand (admin); the scheduler calls `runOnce` on every instance. */
  async runOverdue(actor: Actor): Promise<OverdueRunResult> {
    assertPermitted(actor, 'rectifications', 'run-overdue');
    if (!actor.roles.includes('admin')) throw forbidden();
    return this.runOnce();
  }

  /** One overdue pass if no other instance is running one (PostgreSQL advisory lock); `ran: false` otherwise. */
  async runOnce(today = bankDay()): Promise<OverdueRunResult> {
    const result = await withLeaderLock(this.ds, OVERDUE_LOCK_KEY, () => this.pass(today));
    if (!result) return { ran: false, escalated: 0 };
    if (result.escalated) {
      this.relay.kick();
      this.logger.info(result, 'rectification overdue pass');
    }
    return result;
  }

  /** The pass itself: the `escalated_at IS NULL` guard alone keeps each escalation single (tests race two of these). */
  async pass(today: string): Promise<OverdueRunResult> {
    let escalated = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const rows = await this.rectifications.escalateOverdue(m, today);
        for (const r of rows) {
          await appendEvent(m, {
            name: INSPECTIONS_EVENTS.rectificationOverdue,
            actor: { id: '00000000-0000-0000-0000-000000000000', username: 'system', orgUnitId: r.owner_unit_id },
            aggregateType: 'rectification',
            aggregateId: r.id,
            orgPath: r.owner_path,
            payload: { outletId: r.outlet_id, itemKey: r.item_key, ownerUnitId: r.owner_unit_id, deadline: r.deadline, escalatedToUnitId: r.escalated_to_unit_id },
          });
        }
        return rows.length;
      });
      escalated += n;
      if (n < 500) break;
    }
    return { ran: true, escalated };
  }
}
