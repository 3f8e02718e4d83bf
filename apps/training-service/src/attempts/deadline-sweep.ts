import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxRelay, withLeaderLock } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import type { TrainingConfig } from '../config/training.config.js';
import { LOGGER, TRAINING_CONFIG, type AppLogger } from '../tokens.js';
import { AttemptsRepository } from './attempts.repository.js';
import { Grader } from './grader.js';

/** pg_advisory lock key of the deadline sweep (no other job uses it). */
export const SWEEP_LOCK_KEY = 9_000_917;
const BATCH = 250;

/**
 * Attempts still open at their deadline (plus grace) are submitted by the service with what
 * was saved, finish time = the deadline. One instance sweeps at a time (advisory lock); each
 * batch locks its attempts (SKIP LOCKED) and grades them in one transaction, so a submit
 * racing the sweep finalises once. Runs every TRAINING_SWEEP_INTERVAL_MS and at boot, so a
 * restart grades whatever fell due while the service was down.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly grader: Grader,
    private readonly relay: OutboxRelay,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.TRAINING_SWEEP_INTERVAL_MS > 0) {
      this.tick();
      this.timer = setInterval(() => this.tick(), this.config.TRAINING_SWEEP_INTERVAL_MS);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'deadline sweep failed; the next tick retries'))
      .finally(() => (this.running = undefined));
  }

  /** One sweep: every overdue open attempt, batch by batch. `ran: false` when another instance holds the lock. */
  async runOnce(): Promise<{ ran: boolean; submitted: number }> {
    const result = await withLeaderLock(this.ds, SWEEP_LOCK_KEY, async () => {
      let submitted = 0;
      for (;;) {
        const n = await this.ds.transaction(async (m) => {
          const due = await this.attempts.lockOverdue(m, this.config.TRAINING_ANSWER_GRACE_MS, BATCH);
          await this.grader.gradeAndStore(m, due, (a) => ({ finishedAt: a.deadline_at, by: 'deadline' }));
          return due.length;
        });
        submitted += n;
        if (n < BATCH) break;
      }
      return submitted;
    });
    if (result) {
      this.relay.kick();
      this.logger.info({ submitted: result }, 'deadline sweep submitted overdue attempts');
    }
    return { ran: result !== undefined, submitted: result ?? 0 };
  }
}
