import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isWithinPath, mayDo, scopePathOf, type Actor, type ListResult } from '@xb/contracts';
import {
  CAMPAIGN_LIST,
  CAMPAIGNS_EVENTS,
  CreateCampaignDto,
  DEFAULT_TARGET_GROUPS,
  UpdateCampaignDto,
  type CampaignView,
} from '@xb/contracts/campaigns';
import { appendEvent, badRequest, conflict, DirectoryQueries, forbidden, listQueryOf, notFound, OutboxRelay, validateDto } from '@xb/service-kit';
import { DataSource } from 'typeorm';
import { CampaignsRepository, type CampaignWrite, type StoredCampaign } from './campaigns.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function idOf(data: unknown, field = 'id'): string {
  const id = (data as Record<string, unknown> | null)?.[field];
  if (typeof id !== 'string' || !UUID.test(id)) throw badRequest('Validation failed', [{ field, message: `${field} must be a UUID` }]);
  return id;
}

/** Campaigns 活动方案: set up by admins for their scope; read bank-wide (every outlet sees what it reports for). */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly directory: DirectoryQueries,
    private readonly relay: OutboxRelay,
  ) {}

  withActions(actor: Actor, c: StoredCampaign): CampaignView {
    const mine = isWithinPath(c.orgPath, scopePathOf(actor));
    const actions: CampaignView['availableActions'] = [];
    if (mine && c.status === 'open' && mayDo(actor.roles, 'campaigns', 'edit')) actions.push('edit');
    if (mine && c.status === 'open' && mayDo(actor.roles, 'campaigns', 'close')) actions.push('close');
    return { ...c, availableActions: actions };
  }

  private async checked(actor: Actor, dto: CreateCampaignDto): Promise<CampaignWrite> {
    const unit = await this.directory.unitOrFetch(dto.orgUnitId);
    if (!unit) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'unknown unit' }]);
    if (!isWithinPath(unit.path, scopePathOf(actor))) throw badRequest('Validation failed', [{ field: 'orgUnitId', message: 'the organising unit must lie in your scope' }]);
    if (dto.endDate < dto.startDate) throw badRequest('Validation failed', [{ field: 'endDate', message: 'endDate must not be before startDate' }]);
    if (Number(dto.startDate.slice(0, 4)) !== dto.year) throw badRequest('Validation failed', [{ field: 'startDate', message: 'startDate must lie in the campaign year' }]);
    const targets = dto.targets ?? [];
    const seen = new Set<string>();
    for (const [i, t] of targets.entries()) {
      const key = `${t.orgUnitId ?? ''}:${t.metric}`;
      if (seen.has(key)) throw badRequest('Validation failed', [{ field: `targets[${i}]`, message: 'one target per unit and metric' }]);
      seen.add(key);
      if (t.orgUnitId) {
        const tu = await this.directory.unitOrFetch(t.orgUnitId);
        if (!tu || !isWithinPath(tu.path, unit.path)) throw badRequest('Validation failed', [{ field: `targets[${i}].orgUnitId`, message: 'a target unit must lie under the organising unit' }]);
      }
    }
    return {
      seriesKey: dto.seriesKey,
      year: dto.year,
      name: dto.name.trim(),
      theme: dto.theme?.trim() || null,
      startDate: dto.startDate,
      endDate: dto.endDate,
      orgUnitId: unit.id,
      orgPath: unit.path,
      topics: [...new Set(dto.topics ?? [])],
      targetGroups: [...new Set(dto.targetGroups?.length ? dto.targetGroups : DEFAULT_TARGET_GROUPS)],
      rules: {
        staffAtMostPeople: dto.rules?.staffAtMostPeople ?? true,
        evidenceRequired: dto.rules?.evidenceRequired ?? false,
        maxPeoplePerActivity: dto.rules?.maxPeoplePerActivity ?? null,
      },
      targets: targets.map((t) => ({ orgUnitId: t.orgUnitId ?? null, metric: t.metric, value: t.value })),
    };
  }

  private async assertFree(c: CampaignWrite, exceptId?: string): Promise<void> {
    const other = await this.campaigns.findInSeries(c.seriesKey, c.year, c.orgUnitId);
    if (other && other.id !== exceptId) throw conflict(`The series ${c.seriesKey} already has a campaign in ${c.year} for this unit: ${other.name}`);
  }

  async create(actor: Actor, data: unknown): Promise<CampaignView> {
    if (!mayDo(actor.roles, 'campaigns', 'create')) throw forbidden();
    const c = await this.checked(actor, await validateDto(CreateCampaignDto, data));
    await this.assertFree(c);
    const id = randomUUID();
    await this.ds.transaction(async (m) => {
      await this.campaigns.insert(m, id, c, actor.id);
      await appendEvent(m, {
        name: CAMPAIGNS_EVENTS.campaignCreated,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'campaign',
        aggregateId: id,
        orgPath: c.orgPath,
        payload: { seriesKey: c.seriesKey, year: c.year, name: c.name },
      });
    });
    this.relay.kick();
    return this.withActions(actor, (await this.campaigns.find(id))!);
  }

  async update(actor: Actor, data: unknown): Promise<CampaignView> {
    if (!mayDo(actor.roles, 'campaigns', 'edit')) throw forbidden();
    const id = idOf(data);
    const current = await this.inScope(actor, id);
    if (current.status !== 'open') throw conflict('A closed campaign cannot be changed');
    const dto = await validateDto(UpdateCampaignDto, { ...(data as object), id: undefined });
    const c = await this.checked(actor, dto);
    await this.assertFree(c, id);
    const ok = await this.ds.transaction((m) => this.campaigns.update(m, id, dto.version, c));
    if (!ok) throw conflict('The campaign was changed by someone else; reload it');
    return this.withActions(actor, (await this.campaigns.find(id))!);
  }

  async close(actor: Actor, data: unknown): Promise<CampaignView> {
    if (!mayDo(actor.roles, 'campaigns', 'close')) throw forbidden();
    const id = idOf(data);
    const version = (data as { version?: unknown }).version;
    if (!Number.isInteger(version)) throw badRequest('Validation failed', [{ field: 'version', message: 'version must be an integer' }]);
    const current = await this.inScope(actor, id);
    if (current.status !== 'open') throw conflict('The campaign is already closed');
    await this.ds.transaction(async (m) => {
      if (!(await this.campaigns.close(m, id, version as number))) throw conflict('The campaign was changed by someone else; reload it');
      await appendEvent(m, {
        name: CAMPAIGNS_EVENTS.campaignClosed,
        actor: { id: actor.id, username: actor.username, orgUnitId: actor.orgUnitId },
        aggregateType: 'campaign',
        aggregateId: id,
        orgPath: current.orgPath,
        payload: { seriesKey: current.seriesKey, year: current.year, name: current.name },
      });
    });
    this.relay.kick();
    return this.withActions(actor, (await this.campaigns.find(id))!);
  }

  /** A campaign the actor may change (organised in its scope); 404 otherwise. */
  private async inScope(actor: Actor, id: string): Promise<StoredCampaign> {
    const c = await this.campaigns.find(id);
    if (!c || !isWithinPath(c.orgPath, scopePathOf(actor))) throw notFound('Campaign');
    return c;
  }

  async get(actor: Actor, data: unknown): Promise<CampaignView> {
    if (!mayDo(actor.roles, 'campaigns', 'show')) throw forbidden();
    const c = await this.campaigns.find(idOf(data));
    if (!c) throw notFound('Campaign');
    return this.withActions(actor, c);
  }

  async list(actor: Actor, data: unknown): Promise<ListResult<CampaignView>> {
    if (!mayDo(actor.roles, 'campaigns', 'list')) throw forbidden();
    const result = await this.campaigns.list(listQueryOf(data, CAMPAIGN_LIST));
    return { ...result, items: result.items.map((c) => this.withActions(actor, c)) };
  }
}
