import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@xb/service-kit';
import type { Logger } from 'pino';
import type { InspectionsConfig } from '../config/inspections.config.js';
import { RectificationsService } from './rectifications.service.js';

/** Tries the overdue pass every OVERDUE_INTERVAL_MS on every instance; the advisory lock lets one do it. 0 disables the timer. */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly rectifications: RectificationsService,
    @Inject(SERVICE_CONFIG) private readonly config: InspectionsConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OVERDUE_INTERVAL_MS > 0) this.timer = setInterval(() => this.tick(), this.config.OVERDUE_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.rectifications
      .runOnce()
      .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'overdue pass failed; the next tick retries'))
      .finally(() => (this.running = undefined));
  }
}
