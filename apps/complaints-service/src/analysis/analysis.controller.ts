import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_ANALYSIS_PATTERNS, type ComplaintAnalysis, type ComplaintAnalysisCommand, type RpcEnvelope } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { AnalysisService } from './analysis.service.js';

/** NATS entry point of the analysis: unwrap, call, return. */
@Controller()
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @MessagePattern(COMPLAINT_ANALYSIS_PATTERNS.run)
  async run(@Payload() envelope: RpcEnvelope<ComplaintAnalysisCommand>): Promise<ComplaintAnalysis> {
    return this.analysis.run(actorOf(envelope), envelope.data);
  }
}
