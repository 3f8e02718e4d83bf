import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcEnvelope } from '@xb/contracts';
import { POLICIES_PATTERNS as P, type InForceView } from '@xb/contracts/policies';
import { actorOf } from '@xb/service-kit';
import { AcknowledgementsService } from './acknowledgements.service.js';
import { PoliciesService } from './policies.service.js';

/** NATS request-reply entry points of documents, versions and acknowledgements: unwrap the envelope, call, return. */
@Controller()
export class PoliciesRpcController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly acks: AcknowledgementsService,
  ) {}

  @MessagePattern(P.documentCreate)
  documentCreate(@Payload() e: RpcEnvelope) {
    return this.policies.createDocument(actorOf(e), e.data);
  }
  @MessagePattern(P.documentUpdate)
  documentUpdate(@Payload() e: RpcEnvelope) {
    return this.policies.updateDocument(actorOf(e), e.data);
  }
  @MessagePattern(P.documentGet)
  documentGet(@Payload() e: RpcEnvelope) {
    return this.policies.getDocument(actorOf(e), e.data);
  }
  @MessagePattern(P.documentList)
  documentList(@Payload() e: RpcEnvelope) {
    return this.policies.listDocuments(actorOf(e), e.data);
  }
  @MessagePattern(P.documentInForce)
  async documentInForce(@Payload() e: RpcEnvelope) {
    const body: InForceView = { version: await this.policies.inForce(actorOf(e), e.data) };
    return body;
  }
  @MessagePattern(P.documentReviewed)
  documentReviewed(@Payload() e: RpcEnvelope) {
    return this.policies.reviewedNoChange(actorOf(e), e.data);
  }
  @MessagePattern(P.reviewBoard)
  reviewBoard(@Payload() e: RpcEnvelope) {
    return this.policies.reviewBoard(actorOf(e), e.data);
  }
  @MessagePattern(P.versionCreate)
  versionCreate(@Payload() e: RpcEnvelope) {
    return this.policies.createVersion(actorOf(e), e.data);
  }
  @MessagePattern(P.versionUpdate)
  versionUpdate(@Payload() e: RpcEnvelope) {
    return this.policies.updateVersion(actorOf(e), e.data);
  }
  @MessagePattern(P.versionGet)
  versionGet(@Payload() e: RpcEnvelope) {
    return this.policies.getVersion(actorOf(e), e.data);
  }
  @MessagePattern(P.versionList)
  versionList(@Payload() e: RpcEnvelope) {
    return this.policies.listVersions(actorOf(e), e.data);
  }
  @MessagePattern(P.versionSubmit)
  versionSubmit(@Payload() e: RpcEnvelope) {
    return this.policies.submit(actorOf(e), e.data);
  }
  @MessagePattern(P.versionReview)
  versionReview(@Payload() e: RpcEnvelope) {
    return this.policies.review(actorOf(e), e.data);
  }
  @MessagePattern(P.versionPublish)
  versionPublish(@Payload() e: RpcEnvelope) {
    return this.policies.publish(actorOf(e), e.data);
  }
  @MessagePattern(P.versionRetire)
  versionRetire(@Payload() e: RpcEnvelope) {
    return this.policies.retire(actorOf(e), e.data);
  }
  @MessagePattern(P.versionFinding)
  versionFinding(@Payload() e: RpcEnvelope) {
    return this.policies.finding(actorOf(e), e.data);
  }
  @MessagePattern(P.versionHistory)
  versionHistory(@Payload() e: RpcEnvelope) {
    return this.policies.history(actorOf(e), e.data);
  }
  @MessagePattern(P.versionDiff)
  versionDiff(@Payload() e: RpcEnvelope) {
    return this.policies.diff(actorOf(e), e.data);
  }
  @MessagePattern(P.acknowledge)
  acknowledge(@Payload() e: RpcEnvelope) {
    return this.acks.acknowledge(actorOf(e), e.data);
  }
  @MessagePattern(P.myTasks)
  myTasks(@Payload() e: RpcEnvelope) {
    return this.acks.tasks(actorOf(e));
  }
  @MessagePattern(P.ackRates)
  ackRates(@Payload() e: RpcEnvelope) {
    return this.acks.rates(actorOf(e), e.data);
  }

  @MessagePattern(P.ackCancellations)
  ackCancellations(@Payload() e: RpcEnvelope) {
    return this.acks.cancellations(actorOf(e), e.data);
  }
}
