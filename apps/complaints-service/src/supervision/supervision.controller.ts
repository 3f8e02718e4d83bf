import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { COMPLAINT_PATTERNS, type RpcEnvelope, type SupervisionRunResult } from '@xb/contracts';
import { actorOf } from '@xb/service-kit';
import { assertPermitted } from '../complaints/complaint-scope.js';
import { SupervisionService } from './supervision.service.js';

/** `complaints.supervision.run-now`: an admin (or a test) runs a supervision pass without waiting for the timer. */
@Controller()
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @MessagePattern(COMPLAINT_PATTERNS.supervisionRunNow)
  runNow(@Payload() envelope: RpcEnvelope): Promise<SupervisionRunResult> {
    assertPermitted(actorOf(envelope), 'complaint-supervision', 'run');
    return this.supervision.runOnce();
  }
}
