import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withLeaderLock } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import { LOGGER, type AppLogger } from '../tokens.js';
import { ComplaintStatsRepository } from './complaint-stats.repository.js';

/** Advisory-lock key of the compaction: one instance folds at a time. */
export const COMPACT_LOCK = 7_215_101;
const EVERY_MS = 2000;
const BATCH = 50_000;
/** Batches per tick, so a long backlog is folded in bounded steps. */
const MAX_BATCHES = 20;

/**
 * Folds the roll-up log (`complaint_stats_delta`, appended by triggers on every complaint
 * change) into the daily table every couple of seconds. Queries read both, so the
 * figures never wait for this job; it only keeps the log short.
 */
@Injectable()
export class StatsCompactor implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly stats: ComplaintStatsRepository,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: folds the log in batches while this instance holds the lock. */
  async compactOnce(): Promise<number> {
    const folded = await withLeaderLock(this.ds, COMPACT_LOCK, async () => {
      let total = 0;
      for (let i = 0; i < MAX_BATCHES && !this.stopped; i++) {
        const n = await this.stats.compact(BATCH);
        total += n;
        if (n < BATCH) break;
      }
      return total;
    });
    return folded ?? 0;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.compactOnce()
        .then(() => undefined)
        .catch((err: Error) => this.logger.warn({ err: err.message }, 'roll-up compaction failed; will retry'))
        .finally(() => this.schedule());
    }, EVERY_MS);
    this.timer.unref();
  }
}
