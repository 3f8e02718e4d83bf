import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ComplaintsConfig } from '../config/complaints.config.js';
import { COMPLAINTS_CONFIG, LOGGER, type AppLogger } from '../tokens.js';
import { SupervisionService } from './supervision.service.js';

/**
 * Runs the supervision pass every SUPERVISION_INTERVAL_MS on every instance; the advisory
 * lock lets one of them do the work each tick. 0 disables the timer.
 */
@Injectable()
export class SupervisionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly supervision: SupervisionService,
    @Inject(COMPLAINTS_CONFIG) private readonly config: ComplaintsConfig,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SUPERVISION_INTERVAL_MS > 0) this.timer = setInterval(() => this.tick(), this.config.SUPERVISION_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.supervision
      .runOnce()
      .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'supervision pass failed; the next tick retries'))
      .finally(() => (this.running = undefined));
  }
}
