import { Injectable } from '@nestjs/common';
import { isWithinPath, mayDo, scopePathOf, type Actor } from '@xb/contracts';
import {
  SummaryQueryDto,
  TARGET_GROUP_LABELS,
  TotalsQueryDto,
  VENUE_LABELS,
  type CampaignSummaryRow,
  type CampaignsSummaryView,
  type CampaignTotalsView,
  type TotalsGroupView,
  type VenueType,
} from '@xb/contracts/campaigns';
import { DirectoryQueries, forbidden, notFound, validateDto } from '@xb/service-kit';
import { CampaignsRepository, type StoredCampaign } from '../campaigns/campaigns.repository.js';
import { idOf } from '../campaigns/campaigns.service.js';
import { progressOf, yearOnYear } from './progress.js';
import { TotalsRepository, zeroValues } from './totals.repository.js';

/**
 * Totals 统计: verified activities of a campaign rolled up the org tree (every unit counts its
 * subtree), by venue, audience, topic or week; progress against targets; year on year
 * against the same series' campaign of the previous year.
 */
@Injectable()
export class TotalsService {
  constructor(
    private readonly totals: TotalsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly directory: DirectoryQueries,
  ) {}

  /**
   * The path totals are taken under: the deeper of the campaign's organising unit and the
   * actor's scope (or a unit asked for inside both); undefined when they do not meet.
   */
  private async rootOf(actor: Actor, c: StoredCampaign, orgUnitId?: string): Promise<{ orgUnitId: string; name: string; orgPath: string } | undefined> {
    const scope = scopePathOf(actor);
    let unitId: string;
    if (orgUnitId) unitId = orgUnitId;
    else if (isWithinPath(c.orgPath, scope)) unitId = c.orgUnitId;
    else unitId = actor.orgUnitId;
    const unit = await this.directory.unit(unitId);
    if (!unit || !isWithinPath(unit.path, scope) || !isWithinPath(unit.path, c.orgPath)) return undefined;
    return { orgUnitId: unit.id, name: unit.name, orgPath: unit.path };
  }

  async campaignTotals(actor: Actor, data: unknown): Promise<CampaignTotalsView> {
    if (!mayDo(actor.roles, 'campaign-totals', 'list')) throw forbidden();
    const id = idOf(data);
    const query = await validateDto(TotalsQueryDto, { groupBy: (data as { groupBy?: unknown }).groupBy, orgUnitId: (data as { orgUnitId?: unknown }).orgUnitId });
    const groupBy = query.groupBy ?? 'unit';
    const c = await this.campaigns.find(id);
    if (!c) throw notFound('Campaign');
    const root = await this.rootOf(actor, c, query.orgUnitId);
    if (!root) throw notFound('Unit in your scope and the campaign');
    const [overall, targets, grouped, previous] = await Promise.all([
      this.totals.overall([c.id], root.orgPath),
      this.totals.targets(c.id),
      this.totals.grouped(c.id, root.orgPath, groupBy),
      this.campaigns.findInSeries(c.seriesKey, c.year - 1, c.orgUnitId),
    ]);
    const previousValues = previous ? await this.totals.overall([previous.id], root.orgPath) : null;
    const rootTargets = targets.get(root.orgUnitId) ?? (root.orgUnitId === c.orgUnitId ? targets.get('') : undefined);
    let groups: TotalsGroupView[];
    if (groupBy === 'unit') {
      const units = await this.directory.unitsWithin(root.orgPath);
      const rootDepth = units.find((u) => u.id === root.orgUnitId)?.depth ?? 0;
      groups = units.map((u) => {
        const values = grouped.get(u.id) ?? zeroValues();
        return {
          key: u.id,
          label: u.name,
          orgPath: u.path,
          depth: u.depth - rootDepth,
          unitType: u.type,
          values,
          progress: progressOf(u.id === c.orgUnitId ? (targets.get(u.id) ?? targets.get('')) : targets.get(u.id), values),
        };
      });
    } else {
      const label = (key: string) =>
        groupBy === 'venueType' ? (VENUE_LABELS[key as VenueType]?.zh ?? key) : groupBy === 'targetGroup' ? (TARGET_GROUP_LABELS[key]?.zh ?? key) : key;
      groups = [...grouped.entries()]
        .map(([key, values]) => ({ key, label: label(key), values, progress: [] }))
        .sort((a, b) => (groupBy === 'week' ? a.key.localeCompare(b.key) : b.values.peopleReached - a.values.peopleReached || a.key.localeCompare(b.key)));
    }
    return {
      campaignId: c.id,
      groupBy,
      root,
      overall,
      progress: progressOf(rootTargets, overall),
      previousCampaign: previous ? { id: previous.id, name: previous.name, year: previous.year } : null,
      yearOnYear: yearOnYear(overall, previousValues),
      groups,
    };
  }

  /** Every campaign of a year with its totals in the actor's scope and its year on year. */
  async summary(actor: Actor, data: unknown): Promise<CampaignsSummaryView> {
    if (!mayDo(actor.roles, 'campaign-totals', 'list')) throw forbidden();
    const { year } = await validateDto(SummaryQueryDto, data);
    const scope = scopePathOf(actor);
    const visible = (await this.campaigns.ofYear(year))
      .map((c) => ({ c, path: isWithinPath(c.orgPath, scope) ? c.orgPath : isWithinPath(scope, c.orgPath) ? scope : undefined }))
      .filter((x): x is { c: StoredCampaign; path: string } => x.path !== undefined);
    const paths = visible.map((x) => x.path);
    // Totals under the deeper of each campaign's unit and the actor's scope, the campaigns side by side.
    const rows: CampaignSummaryRow[] = await Promise.all(
      visible.map(async ({ c, path }) => {
        const [previous, values] = await Promise.all([this.campaigns.findInSeries(c.seriesKey, year - 1, c.orgUnitId), this.totals.overall([c.id], path)]);
        const prev = previous ? await this.totals.overall([previous.id], path) : null;
        return {
          campaignId: c.id,
          seriesKey: c.seriesKey,
          name: c.name,
          year: c.year,
          values,
          previousCampaign: previous ? { id: previous.id, name: previous.name, year: previous.year } : null,
          yearOnYear: yearOnYear(values, prev),
        };
      }),
    );
    // Outlets and staff are counted once across the year's campaigns.
    const overall = rows.length ? await this.totals.overall(rows.map((r) => r.campaignId), commonPrefix(paths)) : zeroValues();
    return { year, overall, campaigns: rows };
  }
}

/** The longest common path prefix (`/a/b/`) of materialised paths. */
function commonPrefix(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) out.push(split[0][i]);
  return `/${out.map((s) => `${s}/`).join('')}`;
}
