import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, mayDo, scopePathOf, type Actor, type ErrorDetail, type FileAttachedAnswer, type FileRecordRef, type ListResult } from '@xb/contracts';
import {
  ACTIVITY_LIST,
  ACTIVITY_TRANSITIONS,
  ActivityActionDto,
  CAMPAIGNS_EVENTS,
  CreateActivityDto,
  UpdateActivityDto,
  type ActivityAction,
  type ActivityFieldsDto,
  type ActivityView,
  type CampaignView,
} from '@xb/contracts/campaigns';
import { appendEvents, badRequest, conflict, DirectoryQueries, forbidden, listQueryOf, notFound, OutboxRelay, validateDto, type FileAttachments, type NewEvent } from '@xb/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsRepository, type StoredCampaign } from '../campaigns/campaigns.repository.js';
import { idOf } from '../campaigns/campaigns.service.js';
import { ActivitiesRepository, type ActivityWrite, type StoredActivity } from './activities.repository.js';
import { activityRuleErrors } from './activity-rules.js';

/** The counts an activity adds to (verified) or takes from (unverified) every total. */
export function activityCounts(a: Pick<StoredActivity, 'sessions' | 'peopleReached' | 'materials' | 'onlineViews' | 'staffIds' | 'eposters'>) {
  return { sessions: a.sessions, peopleReached: a.peopleReached, materials: a.materials, onlineViews: a.onlineViews, staffPersonTimes: a.staffIds.length, eposters: a.eposters };
}

/**
 * Activities 活动上报: an outlet or branch reports for itself (draft → submitted); a unit above
 * it verifies its subtree (verified) or returns it with a reason. Only verified activities
 * count; un-verifying takes one out of every total again.
 */
@Injectable()
export class ActivitiesService implements FileAttachments {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly directory: DirectoryQueries,
    private readonly relay: OutboxRelay,
  ) {}

  /** What this actor may do to this activity now (state, role and place). */
  actionsOf(actor: Actor, a: StoredActivity, campaign: Pick<CampaignView, 'status'>): ActivityAction[] {
    if (campaign.status !== 'open') return [];
    const reporter = a.orgUnitId === actor.orgUnitId;
    // The unit above: the activity lies in the actor's scope and is not the actor's own unit's.
    const verifier = isWithinPath(a.orgPath, scopePathOf(actor)) && a.orgUnitId !== actor.orgUnitId;
    return (Object.entries(ACTIVITY_TRANSITIONS) as [ActivityAction, (typeof ACTIVITY_TRANSITIONS)[ActivityAction]][])
      .filter(([, t]) => (t.from as readonly string[]).includes(a.status))
      .filter(([action, t]) => (t.by === 'reporter' ? reporter : verifier) && mayDo(actor.roles, 'campaign-activities', action))
      .map(([action]) => action);
  }

  private view(actor: Actor, a: StoredActivity, campaign: Pick<CampaignView, 'status'>): ActivityView {
    return { ...a, availableActions: this.actionsOf(actor, a, campaign) };
  }

  /** Campaign rules, staff from the directory, files: every problem, naming its field. */
  private async fieldErrors(campaign: StoredCampaign, a: ActivityFieldsDto, reportingUnitPath: string): Promise<ErrorDetail[]> {
    const errors = activityRuleErrors(campaign, a);
    if (a.staffIds.length) {
      const known = await this.ds.query(
        `SELECT p.id FROM directory_user p JOIN directory_org_unit u ON u.id = p.org_unit_id WHERE p.id = ANY($1::uuid[]) AND NOT p.deleted AND u.path LIKE $2 || '%'`,
        [a.staffIds, campaign.orgPath],
      );
      const found = new Set((known as { id: string }[]).map((r) => r.id));
      const missing = a.staffIds.filter((id) => !found.has(id));
      if (missing.length) errors.push({ field: 'staffIds', message: `not staff of the campaign’s units: ${missing.slice(0, 5).join(', ')}` });
    }
    void reportingUnitPath;
    return errors;
  }

  async create(actor: Actor, data: unknown): Promise<ActivityView> {
    if (!mayDo(actor.roles, 'campaign-activities', 'create')) throw forbidden();
    const dto = await validateDto(CreateActivityDto, data);
    const campaign = await this.campaigns.find(dto.campaignId);
    if (!campaign) throw badRequest('Validation failed', [{ field: 'campaignId', message: 'unknown campaign' }]);
    if (campaign.status !== 'open') throw conflict('The campaign is closed');
    const unitId = dto.orgUnitId ?? actor.orgUnitId;
    // An outlet (or branch) reports only for itself.
    if (unitId !== actor.orgUnitId) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'you report only for your own unit' }]);
    const unit = await this.directory.unitOrFetch(unitId);
    if (!unit) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    if (!isWithinPath(unit.path, campaign.orgPath)) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'your unit does not take part in this campaign' }]);
    const errors = await this.fieldErrors(campaign, dto, unit.path);
    if (errors.length) throw badRequest('Validation failed', errors);
    const id = randomUUID();
    await this.ds.transaction(async (m) => {
      await this.activities.insertMany(m, [this.write(id, campaign.id, unit, dto, 'draft', actor.id, null)]);
    });
    return this.view(actor, (await this.activities.find(id))!, campaign);
  }

  private write(id: string, campaignId: string, unit: { id: string; type: string; path: string }, a: ActivityFieldsDto, status: ActivityWrite['status'], by: string, verifiedBy: string | null): ActivityWrite {
    return {
      id,
      campaignId,
      orgUnitId: unit.id,
      orgUnitType: unit.type,
      orgPath: unit.path,
      date: a.date,
      venueType: a.venueType,
      targetGroups: [...new Set(a.targetGroups)],
      topics: [...new Set(a.topics ?? [])],
      sessions: a.sessions,
      staffIds: a.staffIds,
      materials: a.materials,
      peopleReached: a.peopleReached,
      onlineViews: a.onlineViews,
      eposters: a.eposters,
      description: a.description?.trim() || null,
      status,
      reportedBy: by,
      verifiedBy,
    };
  }

  /** The activity when it lies in the actor's scope (404 otherwise) with its campaign. */
  private async inScope(actor: Actor, id: string, m?: EntityManager): Promise<{ a: StoredActivity; campaign: StoredCampaign }> {
    const a = await this.activities.find(id, m);
    if (!a || !isWithinPath(a.orgPath, scopePathOf(actor))) throw notFound('Activity');
    return { a, campaign: (await this.campaigns.find(a.campaignId, m))! };
  }

  async update(actor: Actor, data: unknown): Promise<ActivityView> {
    if (!mayDo(actor.roles, 'campaign-activities', 'edit')) throw forbidden();
    const id = idOf(data);
    const { a, campaign } = await this.inScope(actor, id);
    if (!this.actionsOf(actor, a, campaign).includes('edit')) {
      if (a.orgUnitId !== actor.orgUnitId) throw forbidden('Only the reporting unit edits its activity');
      throw conflict(`A ${a.status} activity cannot be edited`);
    }
    const dto = await validateDto(UpdateActivityDto, { ...(data as object), id: undefined });
    const errors = await this.fieldErrors(campaign, dto, a.orgPath);
    if (errors.length) throw badRequest('Validation failed', errors);
    await this.ds.transaction(async (m) => {
      const ok = await this.activities.updateFigures(m, this.write(id, campaign.id, { id: a.orgUnitId, type: a.orgUnitType, path: a.orgPath }, dto, a.status, a.reportedBy, null), dto.version);
      if (!ok) throw conflict('The activity was changed by someone else; reload it');
    });
    return this.view(actor, (await this.activities.find(id))!, campaign);
  }

  /** submit / verify / return / unverify, by the workflow table; a verified or un-verified activity writes its event in the same transaction. */
  async act(actor: Actor, data: unknown): Promise<ActivityView> {
    const id = idOf(data);
    const dto = await validateDto(ActivityActionDto, { ...(data as object), id: undefined });
    if (!mayDo(actor.roles, 'campaign-activities', dto.action)) throw forbidden();
    const { a, campaign } = await this.inScope(actor, id);
    const t = ACTIVITY_TRANSITIONS[dto.action];
    if (!this.actionsOf(actor, a, campaign).includes(dto.action)) {
      if (campaign.status !== 'open') throw conflict('The campaign is closed');
      if (!(t.from as readonly string[]).includes(a.status)) throw conflict(`Cannot ${dto.action} a ${a.status} activity`);
      throw forbidden(t.by === 'reporter' ? 'Only the reporting unit submits its activity' : 'Only a unit above the reporting unit verifies its activities');
    }
    if ((dto.action === 'return' || dto.action === 'unverify') && !dto.reason?.trim()) throw badRequest('Validation failed', [{ field: 'reason', message: `a reason is required to ${dto.action}` }]);
    if (dto.action === 'submit' && campaign.rules.evidenceRequired && !a.fileIds.length) {
      throw badRequest('Validation failed', [{ field: 'fileIds', message: 'this campaign requires evidence (a photo or sign-in sheet) before submitting' }]);
    }
    await this.ds.transaction(async (m) => {
      const ok = await this.activities.transition(m, id, dto.version, t.from, t.to!, { returnReason: dto.reason?.trim() ?? null, verifiedBy: actor.id });
      if (!ok) throw conflict('The activity was changed by someone else; reload it');
      if (dto.action === 'verify' || dto.action === 'unverify') await appendEvents(m, [this.countsEvent(actor, a, campaign.name, dto.action === 'verify', dto.reason)]);
    });
    this.relay.kick();
    return this.view(actor, (await this.activities.find(id))!, campaign);
  }

  /** The event that adds an activity's counts to the totals or takes them out; it names the campaign and day, so the audit log reads as words. */
  private countsEvent(
    actor: Actor,
    a: Omit<StoredActivity, 'campaignName' | 'orgUnitName' | 'fileIds' | 'returnReason' | 'verifiedBy' | 'verifiedAt' | 'createdAt' | 'version' | 'status' | 'reportedBy'>,
    campaignName: string,
    verified: boolean,
    reason?: string,
  ): NewEvent<Record<string, unknown>> {
    return {
      name: verified ? CAMPAIGNS_EVENTS.activityVerified : CAMPAIGNS_EVENTS.activityUnverified,
      actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
      aggregateType: 'activity',
      aggregateId: a.id,
      orgPath: a.orgPath,
      payload: { campaignId: a.campaignId, campaignName, orgUnitId: a.orgUnitId, date: a.date, counts: activityCounts(a), ...(reason ? { reason } : {}) },
    };
  }

  async get(actor: Actor, data: unknown): Promise<ActivityView> {
    if (!mayDo(actor.roles, 'campaign-activities', 'show')) throw forbidden();
    const { a, campaign } = await this.inScope(actor, idOf(data));
    return this.view(actor, a, campaign);
  }

  async list(actor: Actor, data: unknown): Promise<ListResult<ActivityView>> {
    if (!mayDo(actor.roles, 'campaign-activities', 'list')) throw forbidden();
    const q = listQueryOf(data, ACTIVITY_LIST);
    let subtreePath: string | undefined;
    if (q.filter.orgUnitId) {
      const unit = await this.directory.unit(q.filter.orgUnitId);
      if (!unit) return { items: [], total: 0 };
      subtreePath = unit.path;
    }
    const verifier = q.filter.toVerify ? (mayDo(actor.roles, 'campaign-activities', 'verify') ? { unitId: actor.orgUnitId } : undefined) : undefined;
    if (q.filter.toVerify && !verifier) return { items: [], total: 0 };
    const result = await this.activities.list(scopePathOf(actor), q, { subtreePath, verifier });
    const statuses = new Map<string, CampaignView['status']>();
    for (const a of result.items) if (!statuses.has(a.campaignId)) statuses.set(a.campaignId, (await this.campaigns.find(a.campaignId))?.status ?? 'closed');
    return { ...result, items: result.items.map((a) => this.view(actor, a, { status: statuses.get(a.campaignId)! })) };
  }

  /** Many checked activities at once (the import): all rows or none, verified ones with their events. */
  async insertChecked(actor: Actor, rows: ActivityWrite[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.activities.insertMany(m, rows);
      const verified = rows.filter((r) => r.status === 'verified');
      const names = new Map<string, string>();
      for (const id of new Set(verified.map((r) => r.campaignId))) names.set(id, (await this.campaigns.find(id, m))?.name ?? '');
      for (let i = 0; i < verified.length; i += 1000) {
        await appendEvents(m, verified.slice(i, i + 1000).map((r) => this.countsEvent(actor, r, names.get(r.campaignId)!, true)));
      }
    });
    this.relay.kick();
  }

  /**
   * Attaches an evidence file (photo, sign-in sheet) the gateway has claimed for this activity:
   * by the reporting unit, while the activity is not verified.
   */
  async attach(actor: Actor, data: unknown): Promise<ActivityView> {
    if (!mayDo(actor.roles, 'campaign-activities', 'attach')) throw forbidden();
    const id = idOf(data);
    const fileId = idOf((data as { file?: unknown }).file, 'id');
    const { a, campaign } = await this.inScope(actor, id);
    if (a.orgUnitId !== actor.orgUnitId) throw forbidden('Only the reporting unit adds evidence to its activity');
    if (campaign.status !== 'open' || a.status === 'verified') throw conflict(`Evidence cannot be added to a ${a.status} activity of a ${campaign.status} campaign`);
    await this.ds.transaction((m) => this.activities.addFile(m, id, fileId));
    return this.view(actor, (await this.activities.find(id))!, campaign);
  }

  // Evidence files: "may this user see the record this file is attached to".
  async visibleRecordOf(actor: Actor, fileId: string): Promise<FileRecordRef | null> {
    if (!mayDo(actor.roles, 'campaign-activities', 'show')) return null;
    const a = await this.activities.findByFile(fileId);
    if (!a || !isWithinPath(a.orgPath, scopePathOf(actor))) return null;
    return { recordType: 'activity', recordId: a.id };
  }

  async attachedOf(fileIds: string[]): Promise<FileAttachedAnswer['attached']> {
    return (await this.activities.attachedOf(fileIds)) as FileAttachedAnswer['attached'];
  }
}
