import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isWithinPath, type Actor, type ComplaintView, type WorkflowAction } from '@xb/contracts';
import { appendEvent, conflict, DirectoryQueries, notFound, OutboxRelay, unauthorized, unprocessable, validateDto } from '@xb/service-kit';
import { CaseArchiveRepository } from '../../case-archive/case-archive.repository.js';
import { HolidayCalendarRepository } from '../../time-limits/holiday-calendar.repository.js';
import { assertMayWork, assertPermitted, complaintScope } from '../complaint-scope.js';
import { toComplaintView } from '../complaint.mapper.js';
import { ComplaintsRepository } from '../complaints.repository.js';
import { checkTransition } from './complaint-workflow.js';
import { ACTIONS } from './workflow-actions.js';
import type { AssignInput } from './workflow-inputs.dto.js';
import { CLOCK, type Clock } from '../../tokens.js';
import type { EntityManager } from 'typeorm';

const UUID_RULE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * THE place where workflow actions are applied. For every action, in one transaction:
 * lock the complaint (404 outside the caller's scope) → role and scope (403) → the
 * caller's version (409 when stale) → the transition table (409 when illegal) → the
 * action's own rules (400/403/422) → one versioned UPDATE, one timeline row, one outbox
 * event. Any error rolls everything back: the record is left exactly as it was.
 */
@Injectable()
export class ComplaintWorkflowService {
  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly calendars: HolidayCalendarRepository,
    private readonly archive: CaseArchiveRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryQueries,
  ) {}

  async apply(action: WorkflowAction, actor: Actor, data: unknown): Promise<ComplaintView> {
    if (!UUID_RULE.test(actor.id) || typeof actor.username !== 'string' || !actor.username) throw unauthorized('Malformed acting user');
    assertPermitted(actor, 'complaints', action);
    const spec = ACTIONS[action];
    const input = await validateDto(spec.input, data);
    const calendar = await this.calendars.current();

    const id = await this.complaints.transaction(async (manager) => {
      const now = this.clock.now();
      const c = await this.complaints.lockInScope(manager, input.id, complaintScope(actor), actor.id);
      if (!c) throw notFound('Complaint');
      assertMayWork(actor, c, action);
      if (input.version !== undefined && input.version !== c.version) {
        throw conflict(`Version conflict: the complaint is at version ${c.version}, not ${input.version}; reload it and try again`);
      }
      const transition = checkTransition(action, c.status, c.pausedAt !== null);
      if (!transition.allowed) throw conflict(transition.reason);
      const refusal = spec.refusal?.(c, actor);
      if (refusal) throw refusal;

      if (action === 'assign') await this.placeAssignee(manager, input as AssignInput);
      const effect = spec.effect(c, input, { actor, now, calendar });
      const fromStatus = c.status;
      const toStatus = transition.to;
      // The row is locked, so the version still matches; the guard makes a lost update impossible anyway.
      if (!(await this.complaints.updateIfVersion(manager, c.id, c.version, { ...effect.changes, status: toStatus }))) {
        throw conflict('Version conflict: the complaint changed meanwhile; reload it and try again');
      }
      if (effect.caseArchive) await this.archive.upsert(manager, c.id, effect.caseArchive, actor, now);
      await this.complaints.addTimeline(manager, {
        id: randomUUID(),
        complaintId: c.id,
        action: spec.timeline,
        fromStatus,
        toStatus,
        actorId: actor.id,
        actorUsername: actor.username,
        actorOrgUnitId: UUID_RULE.test(actor.orgUnitId) ? actor.orgUnitId : null,
        occurredAt: now,
        note: input.note ?? null,
        details: effect.details,
      });
      await appendEvent(manager, {
        name: spec.event,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'complaint',
        aggregateId: c.id,
        orgPath: c.orgPath,
        occurredAt: now.toISOString(),
        payload: { ...effect.facts, fromStatus, toStatus, orgUnitId: c.orgUnitId },
      });
      return c.id;
    });
    this.relay.kick();
    const updated = await this.complaints.findInScope(id, '/');
    const links = await this.complaints.links([id]);
    return toComplaintView(updated!, actor, new Date(), links.get(id));
  }

  /**
   * 分办 target from the directory replica: the unit (its current path, share-locked against a
   * concurrent move) and an active handler of that unit or one below it; 422 otherwise.
   */
  private async placeAssignee(manager: EntityManager, input: AssignInput): Promise<void> {
    const unit = await this.directory.unitOrFetch(input.orgUnitId, { manager, lock: true });
    if (!unit) throw unprocessable('Org unit does not exist', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    const user = await this.directory.userOrFetch(input.handlerId);
    if (!user) throw unprocessable('The handler does not exist', [{ field: 'handlerId', message: 'unknown user' }]);
    if (!user.active) throw unprocessable('The handler’s account is inactive', [{ field: 'handlerId', message: 'inactive user' }]);
    if (!user.roles.includes('handler')) throw unprocessable('The user does not hold the handler role', [{ field: 'handlerId', message: 'not a handler' }]);
    if (!isWithinPath(user.orgPath, unit.path)) {
      throw unprocessable(`The handler does not belong to ${unit.name} or a unit below it`, [{ field: 'handlerId', message: 'not in the unit’s subtree' }]);
    }
    Object.assign(input, { orgUnitPath: unit.path, orgUnitName: unit.name, handlerUsername: user.username });
  }
}
