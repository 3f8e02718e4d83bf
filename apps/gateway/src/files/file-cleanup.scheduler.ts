import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { FilesService } from './files.service.js';

/**
 * Runs the unattached-file cleanup every FILES_CLEANUP_INTERVAL_MS on every gateway
 * instance; the advisory lock lets one of them do the work each tick. 0 disables the timer.
 */
@Injectable()
export class FileCleanupScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly files: FilesService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.FILES_CLEANUP_INTERVAL_MS > 0) this.timer = setInterval(() => this.tick(), this.config.FILES_CLEANUP_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.files
      .removeUnattached()
      .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'file cleanup failed; the next tick retries'))
      .finally(() => (this.running = undefined));
  }
}
