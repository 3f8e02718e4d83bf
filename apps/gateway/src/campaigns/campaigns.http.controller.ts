import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  CAMPAIGN_LIST,
  CAMPAIGNS_PATTERNS,
  CreateCampaignDto,
  SummaryQueryDto,
  TotalsQueryDto,
  UpdateCampaignDto,
  type CampaignReportFile,
  type CampaignsSummaryView,
  type CampaignTotalsView,
  type CampaignView,
} from '@xb/contracts/campaigns';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { badRequestHttp } from '../common/http-errors.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsFile, ApiReturnsList } from '../openapi/returns.decorators.js';

/** A report takes longer than one read (three roll-ups and a workbook). */
const REPORT_TIMEOUT_MS = 30_000;

/** REST face of the campaigns service 宣传教育活动: campaigns, their totals and the summary report. Thin: validate, forward with the actor, return. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('CampaignView', CAMPAIGN_LIST)
  @Permission('campaigns', 'list')
  @ApiOperation({ summary: 'Campaigns (filters: q, year, seriesKey, status, id)' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CampaignView[]> {
    const q = parseListQuery(query, CAMPAIGN_LIST);
    return sendList(res, 'campaigns', q, await this.rpc.send<ListResult<CampaignView>>(CAMPAIGNS_PATTERNS.campaignList, actor, q));
  }

  @Post()
  @ApiReturns('CampaignView')
  @Permission('campaigns', 'create')
  @ApiOperation({ summary: 'Sets up a campaign: series key, year, period, organising unit, topics, target groups, targets, rules' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCampaignDto): Promise<CampaignView> {
    return this.rpc.send<CampaignView>(CAMPAIGNS_PATTERNS.campaignCreate, actor, dto);
  }

  // summary comes before `:id`, which would take it as an id.
  @Get('summary')
  @ApiReturns('CampaignsSummaryView')
  @Permission('campaign-totals', 'list')
  @ApiOperation({ summary: 'Every campaign of a year with its totals in your scope and year on year (null change = no comparison)' })
  summary(@CurrentActor() actor: Actor, @Query() query: SummaryQueryDto): Promise<CampaignsSummaryView> {
    return this.rpc.send<CampaignsSummaryView>(CAMPAIGNS_PATTERNS.summary, actor, { year: query.year });
  }

  @Get(':id')
  @ApiReturns('CampaignView')
  @Permission('campaigns', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignView> {
    return this.rpc.send<CampaignView>(CAMPAIGNS_PATTERNS.campaignGet, actor, { id });
  }

  @Put(':id')
  @ApiReturns('CampaignView')
  @Permission('campaigns', 'edit')
  @ApiOperation({ summary: 'Changes an open campaign (send the whole campaign and the version read)' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignView> {
    return this.rpc.send<CampaignView>(CAMPAIGNS_PATTERNS.campaignUpdate, actor, { ...dto, id });
  }

  @Post(':id/close')
  @ApiReturns('CampaignView')
  @Permission('campaigns', 'close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Closes the campaign: no more reports or verification; emits campaigns.campaign.closed' })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: { version?: unknown }): Promise<CampaignView> {
    return this.rpc.send<CampaignView>(CAMPAIGNS_PATTERNS.campaignClose, actor, { id, version: body?.version });
  }

  @Get(':id/totals')
  @ApiReturns('CampaignTotalsView')
  @Permission('campaign-totals', 'list')
  @ApiOperation({ summary: 'Totals of verified activities rolled up the org tree, against targets, year on year (groupBy unit|venueType|targetGroup|topic|week)' })
  totals(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: TotalsQueryDto): Promise<CampaignTotalsView> {
    return this.rpc.send<CampaignTotalsView>(CAMPAIGNS_PATTERNS.totals, actor, { id, groupBy: query.groupBy, orgUnitId: query.orgUnitId });
  }

  @Get(':id/report')
  @ApiReturnsFile('text/html', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Permission('campaign-totals', 'export')
  @ApiQuery({ name: 'format', required: false, enum: ['html', 'xlsx'] })
  @ApiQuery({ name: 'orgUnitId', required: false })
  @ApiProduces('text/html', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  // Response body: CampaignFileBody (@xb/contracts/campaigns), the file's bytes.
  @ApiOperation({ summary: '活动总结 — the summary in the shape the regulator receives, printable HTML or xlsx, with charts and year on year' })
  async report(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
    @Query('format') format?: string,
    @Query('orgUnitId') orgUnitId?: string,
  ): Promise<StreamableFile> {
    if (format !== undefined && format !== 'html' && format !== 'xlsx') throw badRequestHttp('format must be html or xlsx', [{ field: 'format', message: 'html or xlsx' }]);
    const file = await this.rpc.send<CampaignReportFile>(CAMPAIGNS_PATTERNS.report, actor, { id, format: format ?? 'html', orgUnitId }, { timeoutMs: REPORT_TIMEOUT_MS });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `${format === 'xlsx' ? 'attachment' : 'inline'}; filename="${file.filename}"`);
    return new StreamableFile(Buffer.from(file.body, 'base64'));
  }
}
