import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { COMPLAINTS_SERVICE } from '@xb/contracts';
import { connectJetStream, ensureEventsStream, FILE_ATTACHMENTS, fileAccessController, OutboxRelay, type JetStreamHandle } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import { AnalysisController } from './analysis/analysis.controller.js';
import { AnalysisService } from './analysis/analysis.service.js';
import { ComplaintStatsRepository } from './analysis/complaint-stats.repository.js';
import { StatsCompactor } from './analysis/stats-compactor.js';
import { CaseArchiveController } from './case-archive/case-archive.controller.js';
import { CaseArchiveRepository } from './case-archive/case-archive.repository.js';
import { CaseArchiveService } from './case-archive/case-archive.service.js';
import { ComplaintAttachmentsController } from './complaints/attachments/complaint-attachments.controller.js';
import { ComplaintAttachmentsRepository } from './complaints/attachments/complaint-attachments.repository.js';
import { ComplaintAttachmentsService } from './complaints/attachments/complaint-attachments.service.js';
import { ComplaintsController } from './complaints/complaints.controller.js';
import { ComplaintsRepository } from './complaints/complaints.repository.js';
import { ComplaintIntakeService } from './complaints/complaint-intake.service.js';
import { ComplaintsService } from './complaints/complaints.service.js';
import { PiiVault } from './complaints/pii.js';
import { ComplaintWorkflowController } from './complaints/workflow/complaint-workflow.controller.js';
import { ComplaintWorkflowService } from './complaints/workflow/complaint-workflow.service.js';
import type { ComplaintsConfig } from './config/complaints.config.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthController } from './health/health.controller.js';
import { SupervisionController } from './supervision/supervision.controller.js';
import { SupervisionScheduler } from './supervision/supervision.scheduler.js';
import { SupervisionService } from './supervision/supervision.service.js';
import { HolidayCalendarRepository } from './time-limits/holiday-calendar.repository.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { CLOCK, COMPLAINTS_CONFIG, JETSTREAM, LOGGER, systemClock, type AppLogger, type Clock } from './tokens.js';

/**
 * Starts the outbox relay once the app is up and stops it before the database closes;
 * closes the JetStream connection last. (Nest stops taking requests before these hooks.)
 */
@Injectable()
class OutboxLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.jet.nc.isClosed()) await this.jet.nc.close();
  }
}

export interface AppModuleOptions {
  config: ComplaintsConfig;
  logger: AppLogger;
  /** Only the demo-history loader replaces the system clock. */
  clock?: Clock;
}

/** The complaints service: owns the complaints database; talks NATS request-reply in and JetStream events out. */
@Module({})
export class AppModule {
  static forRoot({ config, logger, clock = systemClock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL))],
      controllers: [ComplaintsController, HealthController, AnalysisController, ReportsController, ComplaintWorkflowController, SupervisionController, CaseArchiveController, ComplaintAttachmentsController, fileAccessController(COMPLAINTS_SERVICE)],
      providers: [
        { provide: COMPLAINTS_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: clock },
        {
          provide: JETSTREAM,
          useFactory: async (): Promise<JetStreamHandle> => {
            const jet = await connectJetStream(config.NATS_URL, `${COMPLAINTS_SERVICE}-service-outbox`, logger);
            await ensureEventsStream(jet.jsm);
            return jet;
          },
        },
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), JETSTREAM],
          useFactory: (ds: DataSource, jet: JetStreamHandle) => new OutboxRelay(ds, jet, logger, config.OUTBOX_POLL_MS),
        },
        { provide: PiiVault, useFactory: () => new PiiVault(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY) },
        OutboxLifecycle,
        ComplaintsRepository,
        ComplaintsService,
        ComplaintIntakeService,
        ComplaintStatsRepository,
        StatsCompactor,
        AnalysisService,
        ReportsService,
        HolidayCalendarRepository,
        ComplaintWorkflowService,
        CaseArchiveRepository,
        CaseArchiveService,
        SupervisionService,
        SupervisionScheduler,
        ComplaintAttachmentsRepository,
        ComplaintAttachmentsService,
        { provide: FILE_ATTACHMENTS, useExisting: ComplaintAttachmentsService },
      ],
    };
  }
}
