import { Injectable } from '@nestjs/common';
import { mayDo, type Actor } from '@xb/contracts';
import type { CampaignReportFile } from '@xb/contracts/campaigns';
import { badRequest, forbidden } from '@xb/service-kit';
import { CampaignsRepository } from '../campaigns/campaigns.repository.js';
import { idOf } from '../campaigns/campaigns.service.js';
import { TotalsService } from '../totals/totals.service.js';
import { campaignReportHtml, campaignReportXlsx, type CampaignReport } from './campaign-report.js';

/** 活动总结: the campaign's summary in the shape the seeds report, as xlsx or printable HTML. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly totals: TotalsService,
    private readonly campaigns: CampaignsRepository,
  ) {}

  async report(actor: Actor, data: unknown): Promise<CampaignReportFile> {
    if (!mayDo(actor.roles, 'campaign-totals', 'export')) throw forbidden();
    const id = idOf(data);
    const format = (data as { format?: unknown }).format ?? 'html';
    if (format !== 'html' && format !== 'xlsx') throw badRequest('Validation failed', [{ field: 'format', message: 'format must be html or xlsx' }]);
    const orgUnitId = (data as { orgUnitId?: unknown }).orgUnitId;
    const byUnit = await this.totals.campaignTotals(actor, { id, groupBy: 'unit', orgUnitId });
    const byVenue = (await this.totals.campaignTotals(actor, { id, groupBy: 'venueType', orgUnitId })).groups;
    const byAudience = (await this.totals.campaignTotals(actor, { id, groupBy: 'targetGroup', orgUnitId })).groups;
    const campaign = (await this.campaigns.find(id))!;
    const report: CampaignReport = { campaign, scopeName: byUnit.root.name, byUnit, byVenue, byAudience };
    const base = `${campaign.year}-${campaign.seriesKey}-summary`;
    if (format === 'xlsx') {
      return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: (await campaignReportXlsx(report)).toString('base64') };
    }
    return { filename: `${base}.html`, contentType: 'text/html; charset=utf-8', body: Buffer.from(campaignReportHtml(report)).toString('base64') };
  }
}
