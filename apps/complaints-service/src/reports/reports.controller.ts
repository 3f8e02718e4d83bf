import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_ANALYSIS_PATTERNS, type QuarterlyReportCommand, type ReportFile, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { ReportsService } from './reports.service.js';

/** NATS entry point of the reports: unwrap, call, return the file. */
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @MessagePattern(COMPLAINT_ANALYSIS_PATTERNS.quarterlyReport)
  async quarterly(@Payload() envelope: RpcEnvelope<QuarterlyReportCommand>): Promise<ReportFile> {
    return this.reports.quarterly(actorOf(envelope), envelope.data);
  }
}
