import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ListResult, RpcEnvelope } from '@xb/contracts';
import { CAMPAIGNS_PATTERNS, type ActivityView, type CampaignReportFile, type CampaignsSummaryView, type CampaignTotalsView, type CampaignView, type ImportActivitiesResult } from '@xb/contracts/campaigns';
import { actorOf } from '@xb/service-kit';
import { ActivitiesService } from '../activities/activities.service.js';
import { ActivityImportService } from '../activities/activity-import.js';
import { ReportsService } from '../reports/reports.service.js';
import { TotalsService } from '../totals/totals.service.js';
import { CampaignsService } from './campaigns.service.js';

/** NATS request-reply entry points of the campaigns service: unwrap the envelope, call, return. */
@Controller()
export class CampaignsRpcController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly activities: ActivitiesService,
    private readonly imports: ActivityImportService,
    private readonly totals: TotalsService,
    private readonly reports: ReportsService,
  ) {}

  @MessagePattern(CAMPAIGNS_PATTERNS.campaignCreate)
  campaignCreate(@Payload() e: RpcEnvelope): Promise<CampaignView> {
    return this.campaigns.create(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.campaignUpdate)
  campaignUpdate(@Payload() e: RpcEnvelope): Promise<CampaignView> {
    return this.campaigns.update(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.campaignClose)
  campaignClose(@Payload() e: RpcEnvelope): Promise<CampaignView> {
    return this.campaigns.close(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.campaignGet)
  campaignGet(@Payload() e: RpcEnvelope): Promise<CampaignView> {
    return this.campaigns.get(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.campaignList)
  campaignList(@Payload() e: RpcEnvelope): Promise<ListResult<CampaignView>> {
    return this.campaigns.list(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.totals)
  campaignTotals(@Payload() e: RpcEnvelope): Promise<CampaignTotalsView> {
    return this.totals.campaignTotals(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.summary)
  summary(@Payload() e: RpcEnvelope): Promise<CampaignsSummaryView> {
    return this.totals.summary(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.report)
  report(@Payload() e: RpcEnvelope): Promise<CampaignReportFile> {
    return this.reports.report(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityCreate)
  activityCreate(@Payload() e: RpcEnvelope): Promise<ActivityView> {
    return this.activities.create(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityUpdate)
  activityUpdate(@Payload() e: RpcEnvelope): Promise<ActivityView> {
    return this.activities.update(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityAct)
  activityAct(@Payload() e: RpcEnvelope): Promise<ActivityView> {
    return this.activities.act(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityAttach)
  activityAttach(@Payload() e: RpcEnvelope): Promise<ActivityView> {
    return this.activities.attach(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityGet)
  activityGet(@Payload() e: RpcEnvelope): Promise<ActivityView> {
    return this.activities.get(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityList)
  activityList(@Payload() e: RpcEnvelope): Promise<ListResult<ActivityView>> {
    return this.activities.list(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.activityImport)
  activityImport(@Payload() e: RpcEnvelope): Promise<ImportActivitiesResult> {
    return this.imports.import(actorOf(e), e.data);
  }

  @MessagePattern(CAMPAIGNS_PATTERNS.importTemplate)
  importTemplate(@Payload() e: RpcEnvelope): Promise<CampaignReportFile> {
    return this.imports.template(actorOf(e), e.data);
  }
}
