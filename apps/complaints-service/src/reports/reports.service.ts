import { Injectable } from '@nestjs/common';
import { QuarterlyReportQueryDto, type Actor, type ErrorDetail, type ReportFile } from '@xb/contracts';
import { badRequest, DomainError, validateDto } from '@xb/service-kit';
import { validateAnalysisCommand } from '../analysis/analysis-query.js';
import { AnalysisService } from '../analysis/analysis.service.js';
import { assertPermitted } from '../complaints/complaint-scope.js';
import { quarterPeriod } from '../analysis/periods.js';
import { buildHtmlReport } from './html-report.js';
import { buildQuarterlyReport, reportFilename } from './quarterly-report.model.js';
import { buildXlsxReport } from './xlsx-report.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** 通报: the quarterly circulated report, built from the analysis of the quarter in the caller's scope. */
@Injectable()
export class ReportsService {
  constructor(private readonly analysis: AnalysisService) {}

  async quarterly(actor: Actor, data: unknown): Promise<ReportFile> {
    assertPermitted(actor, 'complaint-reports', 'list');
    const details: ErrorDetail[] = [];
    let query: QuarterlyReportQueryDto | undefined;
    try {
      query = await validateDto(QuarterlyReportQueryDto, data);
    } catch (err) {
      if (!(err instanceof DomainError) || !err.body.details?.length) throw err;
      details.push(...err.body.details);
    }
    if (details.length || !query) throw badRequest('Validation failed', details);
    const quarter = quarterPeriod(query.year, query.quarter);
    const request = await validateAnalysisCommand({ from: quarter.from, to: quarter.to, orgUnitId: query.orgUnitId });
    const analysis = await this.analysis.analyse(actor, request);
    const report = buildQuarterlyReport(analysis, query.year, query.quarter);
    if ((query.format ?? 'xlsx') === 'html') {
      return { filename: reportFilename(report, 'html'), contentType: HTML_CONTENT_TYPE, base64: Buffer.from(buildHtmlReport(report), 'utf8').toString('base64') };
    }
    return { filename: reportFilename(report, 'xlsx'), contentType: XLSX_CONTENT_TYPE, base64: (await buildXlsxReport(report)).toString('base64') };
  }
}
