import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import { DIRECTORY_SNAPSHOT_SUBJECT, type DirectorySnapshotRequest } from '@xb/contracts';
import type { JetStreamHandle } from '@xb/service-kit';
import type { Logger } from 'pino';
import { JETSTREAM, LOGGER } from '../common/tokens.js';
import { DirectoryRepository, snapshotRequestProblem } from './directory.repository.js';

/**
 * Answers `org.directory.snapshot` (request-reply, queue group "gateway"): one page of
 * units or users, in id order. A replica that starts empty, or finds the event stream no
 * longer reaches back to where it stopped, loads every page before it relies on events.
 */
@Injectable()
export class DirectorySnapshotResponder implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly directory: DirectoryRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.jet.nc.subscribe(DIRECTORY_SNAPSHOT_SUBJECT, {
      queue: 'gateway',
      callback: (err, msg) => {
        if (err) return;
        void (async () => {
          let request: unknown;
          try {
            request = msg.json();
          } catch {
            request = undefined;
          }
          const problem = snapshotRequestProblem(request);
          if (problem) {
            msg.respond(JSON.stringify({ error: problem }));
            return;
          }
          try {
            msg.respond(JSON.stringify(await this.directory.page(request as DirectorySnapshotRequest)));
          } catch (e) {
            this.logger.error({ err: (e as Error).message }, 'directory snapshot page failed');
            msg.respond(JSON.stringify({ error: 'snapshot page failed' }));
          }
        })();
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
