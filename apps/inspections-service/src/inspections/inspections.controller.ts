import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ListResult, RpcEnvelope } from '@xb/contracts';
import { INSPECTIONS_PATTERNS, type InspectionAnalysis, type InspectionReportFile, type InspectionView, type PlanResult } from '@xb/contracts/inspections';
import { actorOf } from '@xb/service-kit';
import { AnalysisService } from '../analysis/analysis.service.js';
import { InspectionReportService } from '../reports/quarterly-report.js';
import { InspectionsService } from './inspections.service.js';

/** NATS request-reply entry points of the inspections: unwrap the envelope, call, return. */
@Controller()
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly analysis: AnalysisService,
    private readonly reports: InspectionReportService,
  ) {}

  @MessagePattern(INSPECTIONS_PATTERNS.create)
  create(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.create(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.list)
  list(@Payload() e: RpcEnvelope): Promise<ListResult<InspectionView>> {
    return this.inspections.list(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.get)
  get(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.get(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.start)
  start(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.start(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.saveAnswers)
  saveAnswers(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.saveAnswers(actorOf(e), e.data);
  }

  /** With an `id`: submits that visit; without: logs and submits an unplanned visit in one call. */
  @MessagePattern(INSPECTIONS_PATTERNS.submit)
  submit(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    const data = (e.data ?? {}) as { id?: unknown };
    return data.id === undefined ? this.inspections.log(actorOf(e), e.data, e.idempotencyKey) : this.inspections.submit(actorOf(e), e.data, e.idempotencyKey);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.review)
  review(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.review(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.reinspect)
  reinspect(@Payload() e: RpcEnvelope): Promise<InspectionView> {
    return this.inspections.reinspect(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.plan)
  plan(@Payload() e: RpcEnvelope): Promise<PlanResult> {
    return this.inspections.plan(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.analysis)
  analyse(@Payload() e: RpcEnvelope): Promise<InspectionAnalysis> {
    return this.analysis.analyse(actorOf(e), e.data);
  }

  @MessagePattern(INSPECTIONS_PATTERNS.quarterlyReport)
  quarterlyReport(@Payload() e: RpcEnvelope): Promise<InspectionReportFile> {
    return this.reports.quarterly(actorOf(e), e.data);
  }
}
