import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcEnvelope } from '@xb/contracts';
import { TRAINING_PATTERNS } from '@xb/contracts/training';
import { actorOf } from '@xb/service-kit';
import { AttemptsService } from './attempts/attempts.service.js';
import { DeadlineSweep } from './attempts/deadline-sweep.js';
import { assertPermitted } from './common/access.js';
import { ExamsService } from './exams/exams.service.js';
import { ResultsService } from './results/results.service.js';
import { SessionsService } from './sessions/sessions.service.js';

/** NATS entry points of exams, attempts, results and sessions: unwrap the envelope, call, return. */
@Controller()
export class TrainingRpcController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
    private readonly results: ResultsService,
    private readonly sessions: SessionsService,
    private readonly sweep: DeadlineSweep,
  ) {}

  @MessagePattern(TRAINING_PATTERNS.examCreate)
  examCreate(@Payload() e: RpcEnvelope) {
    return this.exams.create(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examUpdate)
  examUpdate(@Payload() e: RpcEnvelope) {
    return this.exams.update(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examGet)
  examGet(@Payload() e: RpcEnvelope) {
    return this.exams.get(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examList)
  examList(@Payload() e: RpcEnvelope) {
    return this.exams.list(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examPools)
  examPools(@Payload() e: RpcEnvelope) {
    return this.exams.pools(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examPublish)
  examPublish(@Payload() e: RpcEnvelope) {
    return this.exams.publish(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examGrant)
  examGrant(@Payload() e: RpcEnvelope) {
    return this.exams.grant(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examRegrade)
  examRegrade(@Payload() e: RpcEnvelope) {
    return this.results.regrade(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examStatistics)
  examStatistics(@Payload() e: RpcEnvelope) {
    return this.results.statistics(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examResultsExport)
  examResultsExport(@Payload() e: RpcEnvelope) {
    return this.results.exportResults(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.examLeaderboard)
  examLeaderboard(@Payload() e: RpcEnvelope) {
    return this.results.leaderboard(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.attemptStart)
  attemptStart(@Payload() e: RpcEnvelope) {
    return this.attempts.start(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.attemptGet)
  attemptGet(@Payload() e: RpcEnvelope) {
    return this.attempts.get(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.attemptSave)
  attemptSave(@Payload() e: RpcEnvelope) {
    return this.attempts.save(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.attemptSubmit)
  attemptSubmit(@Payload() e: RpcEnvelope) {
    return this.attempts.submit(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.sweepRunNow)
  sweepRunNow(@Payload() e: RpcEnvelope) {
    assertPermitted(actorOf(e), 'attempts', 'sweep');
    return this.sweep.runOnce();
  }
  @MessagePattern(TRAINING_PATTERNS.sessionCreate)
  sessionCreate(@Payload() e: RpcEnvelope) {
    return this.sessions.create(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.sessionGet)
  sessionGet(@Payload() e: RpcEnvelope) {
    return this.sessions.get(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.sessionList)
  sessionList(@Payload() e: RpcEnvelope) {
    return this.sessions.list(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.sessionCheckIn)
  sessionCheckIn(@Payload() e: RpcEnvelope) {
    return this.sessions.checkIn(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.sessionMark)
  sessionMark(@Payload() e: RpcEnvelope) {
    return this.sessions.mark(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.hours)
  hours(@Payload() e: RpcEnvelope) {
    return this.sessions.hours(actorOf(e), e.data);
  }
  @MessagePattern(TRAINING_PATTERNS.my)
  my(@Payload() e: RpcEnvelope) {
    return this.sessions.my(actorOf(e));
  }
}
