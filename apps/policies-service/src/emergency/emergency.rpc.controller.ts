import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcEnvelope } from '@xb/contracts';
import { POLICIES_PATTERNS as P } from '@xb/contracts/policies';
import { actorOf } from '@xb/service-kit';
import { EmergencyService } from './emergency.service.js';

/** NATS request-reply entry points of incidents and drills. */
@Controller()
export class EmergencyRpcController {
  constructor(private readonly emergency: EmergencyService) {}

  @MessagePattern(P.incidentActivate)
  activate(@Payload() e: RpcEnvelope) {
    return this.emergency.activate(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentGet)
  get(@Payload() e: RpcEnvelope) {
    return this.emergency.getIncident(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentList)
  list(@Payload() e: RpcEnvelope) {
    return this.emergency.listIncidents(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentLevel)
  level(@Payload() e: RpcEnvelope) {
    return this.emergency.changeLevel(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentStep)
  step(@Payload() e: RpcEnvelope) {
    return this.emergency.markStep(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentTimeline)
  timeline(@Payload() e: RpcEnvelope) {
    return this.emergency.addTimeline(actorOf(e), e.data);
  }
  @MessagePattern(P.incidentClose)
  close(@Payload() e: RpcEnvelope) {
    return this.emergency.close(actorOf(e), e.data);
  }
  @MessagePattern(P.drillCreate)
  drillCreate(@Payload() e: RpcEnvelope) {
    return this.emergency.createDrill(actorOf(e), e.data);
  }
  @MessagePattern(P.drillGet)
  drillGet(@Payload() e: RpcEnvelope) {
    return this.emergency.getDrill(actorOf(e), e.data);
  }
  @MessagePattern(P.drillList)
  drillList(@Payload() e: RpcEnvelope) {
    return this.emergency.listDrills(actorOf(e), e.data);
  }
  @MessagePattern(P.drillConduct)
  drillConduct(@Payload() e: RpcEnvelope) {
    return this.emergency.conductDrill(actorOf(e), e.data);
  }
  @MessagePattern(P.drillBoard)
  drillBoard(@Payload() e: RpcEnvelope) {
    return this.emergency.drillBoard(actorOf(e));
  }
}
