import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_ANALYSIS_PATTERNS,
  ComplaintAnalysisQueryDto,
  QuarterlyReportQueryDto,
  type Actor,
  type AnalysisOrgUnit,
  type ComplaintAnalysis,
  type ComplaintAnalysisCommand,
  type QuarterlyReportCommand,
  type ReportFile,
} from '@xb/contracts';
import type { Response } from 'express';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { notFoundHttp } from '../common/http-errors.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { OrgUnitsService } from '../org-units/org-units.service.js';

/** Org units fetched per page when handing the subtree to the service; pages are bounded so a huge tree cannot loop forever. */
const UNIT_PAGE = 500;
const MAX_UNIT_PAGES = 100;

/**
 * REST face of complaint analysis 投诉分析 and the quarterly report 通报. The gateway owns
 * the org tree: it resolves the requested unit's path and hands the units of the analysed
 * subtree (within the caller's scope) to the service, which labels and rolls up with
 * them and enforces the scope again. Registered before ComplaintsController, whose
 * `GET complaints/:id` would otherwise take `complaints/analysis`.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller()
export class ComplaintAnalysisController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly units: OrgUnitsService,
  ) {}

  @Get('complaints/analysis')
  @Permission('complaint-analysis', 'list')
  @ApiOperation({
    summary: '投诉分析 — counts by unit (rolled up), channel, category, cause, severity and status; shares, QoQ/YoY, timeliness, satisfaction, handling days, closure buckets, monthly trend; within your scope',
  })
  async analysis(@CurrentActor() actor: Actor, @Query() query: ComplaintAnalysisQueryDto): Promise<ComplaintAnalysis> {
    const subtree = await this.subtree(actor, query.orgUnitId);
    const command: ComplaintAnalysisCommand = { from: query.from, to: query.to, groupBy: query.groupBy, orgUnitId: query.orgUnitId, ...subtree };
    return this.rpc.send<ComplaintAnalysis>(COMPLAINT_ANALYSIS_PATTERNS.run, actor, command);
  }

  @Get('complaints/reports/quarterly')
  @Permission('complaint-reports', 'list')
  @ApiOperation({ summary: '季度投诉情况通报 — Excel workbook (format=xlsx, default) or printable HTML page (format=html) for a quarter, within your scope' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/html')
  async quarterly(@CurrentActor() actor: Actor, @Query() query: QuarterlyReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const subtree = await this.subtree(actor, query.orgUnitId);
    const command: QuarterlyReportCommand = { year: query.year, quarter: query.quarter, format, orgUnitId: query.orgUnitId, ...subtree };
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

  /** The requested unit's path and the units of the analysed subtree that the caller may see. */
  private async subtree(actor: Actor, orgUnitId: string | undefined): Promise<{ orgPath?: string; orgUnits: AnalysisOrgUnit[] }> {
    let orgPath: string | undefined;
    if (orgUnitId) {
      const unit = await this.units.findById(orgUnitId);
      if (!unit) throw notFoundHttp('Org unit');
      orgPath = unit.path;
    }
    const orgUnits: AnalysisOrgUnit[] = [];
    for (let page = 0; page < MAX_UNIT_PAGES; page++) {
      const start = page * UNIT_PAGE;
      const { items, total } = await this.units.list(actor, {
        filter: orgUnitId ? { within: orgUnitId } : {},
        range: [start, start + UNIT_PAGE - 1],
        sort: ['path', 'ASC'],
      });
      orgUnits.push(...items.map(({ id, code, name, type, path }) => ({ id, code, name, type, path })));
      if (start + UNIT_PAGE >= total || !items.length) break;
    }
    return { ...(orgPath ? { orgPath } : {}), orgUnits };
  }
}
