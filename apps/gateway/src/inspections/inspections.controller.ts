import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor, ListResult } from '@xb/contracts';
import {
  CreateInspectionDto,
  INSPECTION_LIST,
  INSPECTIONS_PATTERNS,
  InspectionAnalysisQueryDto,
  InspectionReportQueryDto,
  InspectionView,
  LogVisitDto,
  PlanQuarterDto,
  ReviewInspectionDto,
  SaveAnswersDto,
  SubmitInspectionDto,
  type InspectionAnalysis,
  type InspectionReportFile,
  type PlanResult,
} from '@xb/contracts/inspections';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { parseListQuery, sendList } from '../common/list-query.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsFile, ApiReturnsList } from '../openapi/returns.decorators.js';

/**
 * Mystery-shopper visits 暗访检查. Thin: validate, send with the actor, return; the service
 * checks role, scope, visibility (the outlet's staff see neither the inspector nor an
 * unreviewed visit) and the workflow again.
 */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiReturnsList('InspectionView', INSPECTION_LIST)
  @Permission('inspections', 'list')
  @ApiOperation({ summary: 'Visits in your scope (filters: id, status, outletId, quarter, mine); the outlet’s staff see reviewed visits only, without the inspector' })
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<InspectionView[]> {
    const q = parseListQuery(query, INSPECTION_LIST);
    return sendList(res, 'inspections', q, await this.rpc.send<ListResult<InspectionView>>(INSPECTIONS_PATTERNS.list, actor, q));
  }

  @Get('analysis')
  @ApiReturns('InspectionAnalysis')
  @Permission('inspection-analysis', 'list')
  @ApiOperation({ summary: 'Scores by outlet, branch or quarter of reviewed visits: ratio of totals, dimensions, weakest items, red lines, pass rate, rectification rates, QoQ / YoY' })
  analysis(@CurrentActor() actor: Actor, @Query() q: InspectionAnalysisQueryDto): Promise<InspectionAnalysis> {
    return this.rpc.send<InspectionAnalysis>(INSPECTIONS_PATTERNS.analysis, actor, { ...q });
  }

  @Get('reports/quarterly')
  @ApiReturnsFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  @Permission('inspection-analysis', 'list')
  @ApiOperation({ summary: '季度暗访通报 — Excel workbook (format=xlsx, default) or printable HTML page with charts (format=html), within your scope' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async quarterly(@CurrentActor() actor: Actor, @Query() query: InspectionReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const file = await this.rpc.send<InspectionReportFile>(INSPECTIONS_PATTERNS.quarterlyReport, actor, { year: query.year, quarter: query.quarter, format });
    const body = Buffer.from(file.base64, 'base64');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The page is self-contained: nothing may be loaded or run from it.
    if (format === 'html') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return new StreamableFile(body, {
      type: file.contentType,
      length: body.length,
      disposition: `${format === 'html' ? 'inline' : 'attachment'}; filename="inspections-${query.year}-Q${query.quarter}.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }

  @Post('plan')
  @ApiReturns('PlanResult')
  @Permission('inspections', 'plan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quarterly plan: visits so each outlet in scope is visited N times in the quarter (dryRun only proposes)' })
  plan(@CurrentActor() actor: Actor, @Body() dto: PlanQuarterDto): Promise<PlanResult> {
    return this.rpc.send<PlanResult>(INSPECTIONS_PATTERNS.plan, actor, dto);
  }

  @Post('log')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'log')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log and submit an unplanned visit in one call; a retry with the same idempotencyKey answers the first visit' })
  log(@CurrentActor() actor: Actor, @Body() dto: LogVisitDto): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.submit, actor, dto);
  }

  @Get(':id')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'show')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.get, actor, { id });
  }

  @Post()
  @ApiReturns('InspectionView')
  @Permission('inspections', 'create')
  @ApiOperation({ summary: 'Plan a visit to an outlet with a published template version' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInspectionDto, @Headers('idempotency-key') idempotencyKey?: string): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.create, actor, dto, { idempotencyKey });
  }

  @Post(':id/start')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'create')
  @HttpCode(200)
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.start, actor, { id });
  }

  @Put(':id/answers')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'create')
  @ApiOperation({ summary: 'Save the answers so far; answers the visit with its running score' })
  saveAnswers(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveAnswersDto): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.saveAnswers, actor, { ...dto, id });
  }

  @Post(':id/submit')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'create')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the visit (every item answered, photos on failed photo items); the same idempotencyKey again answers the submitted visit' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitInspectionDto): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.submit, actor, { ...dto, id });
  }

  @Post(':id/review')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (opens a rectification per failed item; owners and deadlines per item) or return to the inspector with a reason' })
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewInspectionDto): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.review, actor, { ...dto, id });
  }

  @Post(':id/reinspect')
  @ApiReturns('InspectionView')
  @Permission('inspections', 'reinspect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Plan a re-inspection 复查 of the items whose rectification is not verified yet' })
  reinspect(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InspectionView> {
    return this.rpc.send<InspectionView>(INSPECTIONS_PATTERNS.reinspect, actor, { id });
  }
}
