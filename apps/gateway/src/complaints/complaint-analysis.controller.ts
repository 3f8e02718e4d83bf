import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_ANALYSIS_PATTERNS,
  ComplaintAnalysisQueryDto,
  QuarterlyReportQueryDto,
  type Actor,
  type ComplaintAnalysis,
  type ComplaintAnalysisCommand,
  type QuarterlyReportCommand,
  type ReportFile,
} from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { ApiReturns, ApiReturnsFile } from '../openapi/returns.decorators.js';

/**
 * REST face of complaint analysis 投诉分析 and the quarterly report 通报. The service reads the
 * analysed unit's subtree (paths, names, the tree to roll up along) from its directory
 * replica and enforces the scope. Registered before ComplaintsController, whose
 * `GET complaints/:id` would otherwise take `complaints/analysis`.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller()
export class ComplaintAnalysisController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('complaints/analysis')
  @ApiReturns('ComplaintAnalysis')
  @Permission('complaint-analysis', 'list')
  @ApiOperation({
    summary: '投诉分析 — counts by unit (rolled up), channel, category, cause, severity and status; shares, QoQ/YoY, timeliness, satisfaction, handling days, closure buckets, monthly trend; within your scope',
  })
  async analysis(@CurrentActor() actor: Actor, @Query() query: ComplaintAnalysisQueryDto): Promise<ComplaintAnalysis> {
    const command: ComplaintAnalysisCommand = { from: query.from, to: query.to, groupBy: query.groupBy, orgUnitId: query.orgUnitId };
    return this.rpc.send<ComplaintAnalysis>(COMPLAINT_ANALYSIS_PATTERNS.run, actor, command);
  }

  @Get('complaints/reports/quarterly')
  @ApiReturnsFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  @Permission('complaint-reports', 'list')
  @ApiOperation({ summary: '季度投诉情况通报 — Excel workbook (format=xlsx, default) or printable HTML page (format=html) for a quarter, within your scope' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async quarterly(@CurrentActor() actor: Actor, @Query() query: QuarterlyReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const command: QuarterlyReportCommand = { year: query.year, quarter: query.quarter, format, orgUnitId: query.orgUnitId };
    const file = await this.rpc.send<ReportFile>(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport, actor, command);
    const body = Buffer.from(file.base64, 'base64');
    const fallback = `complaints-quarterly-${query.year}-Q${query.quarter}.${format}`;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (format === 'html') {
      // The page is self-contained: nothing may be loaded or run from it.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }
    return new StreamableFile(body, {
      type: file.contentType,
      length: body.length,
      disposition: `${format === 'html' ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }
}
