import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { POLICIES_EVENTS } from '@xb/contracts/policies';
import { appendEvent, OutboxRelay, SERVICE_LOGGER } from '@xb/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';

/**
 * The timer of the policies service: publishes approved versions whose effective date has
 * come, and announces each overdue review once per due date (`policies.review.overdue`).
 * Several instances may run: publishing locks the document and checks the state again, and
 * the overdue mark is set in the same transaction as its event.
 */
@Injectable()
export class PoliciesScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: PoliciesRepository,
    private readonly policies: PoliciesService,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.POLICIES_SCHEDULER_MS ?? 60_000);
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      for (const { id } of await this.repo.dueForPublication()) {
        await this.policies.publishNow(id, new Date(), '定时发布').catch((err: Error) => this.logger.warn({ err: err.message, id }, 'scheduled publication failed'));
      }
      for (const d of await this.repo.overdueNotAnnounced()) {
        await this.ds.transaction(async (m) => {
          await m.query(`UPDATE policy_document SET review_overdue_notified_for = $2 WHERE id = $1`, [d.id, d.review_due_at]);
          await appendEvent(m, {
            name: POLICIES_EVENTS.reviewOverdue,
            actor: null,
            aggregateType: 'policy-document',
            aggregateId: d.id,
            orgPath: d.owner_path ?? '/',
            payload: { code: d.code, title: d.title, ownerUnitId: d.owner_unit_id, reviewDueAt: d.review_due_at!.toISOString() },
          });
        });
      }
      this.relay.kick();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'policies scheduler pass failed');
    }
  }
}
