import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { COMPLAINTS_SERVICE } from '@xb/contracts';
import { directoryReplicaProviders, DirectoryActorInterceptor, FILE_ATTACHMENTS, fileAccessController, JETSTREAM, SERVICE_LOGGER, ServiceKitModule } from '@xb/service-kit';
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
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { rewriteComplaintOrgPaths } from './directory/org-path-rewrite.js';
import { SupervisionController } from './supervision/supervision.controller.js';
import { SupervisionScheduler } from './supervision/supervision.scheduler.js';
import { SupervisionService } from './supervision/supervision.service.js';
import { HolidayCalendarRepository } from './time-limits/holiday-calendar.repository.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { CLOCK, systemClock, type AppLogger, type Clock } from './tokens.js';

export interface AppModuleOptions {
  config: ComplaintsConfig;
  logger: AppLogger;
  /** Only the demo-history loader replaces the system clock. */
  clock?: Clock;
}

/**
 * The complaints service: owns the complaints database; talks NATS request-reply in and
 * JetStream events out. Config, data source, JetStream, outbox relay and health come from
 * the service kit; this module lists the domain.
 */
@Module({})
export class AppModule {
  static forRoot({ config, logger, clock = systemClock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: COMPLAINTS_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [ComplaintsController, AnalysisController, ReportsController, ComplaintWorkflowController, SupervisionController, CaseArchiveController, ComplaintAttachmentsController, fileAccessController(COMPLAINTS_SERVICE)],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: PiiVault, useFactory: () => new PiiVault(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY) },
        // Who is who: units and users replicated from the gateway; the actor's scope is read from it.
        ...directoryReplicaProviders({
          durable: `${COMPLAINTS_SERVICE}-directory`,
          onPathChanged: rewriteComplaintOrgPaths,
          inject: { dataSource: getDataSourceToken(), jetstream: JETSTREAM, logger: SERVICE_LOGGER },
        }),
        { provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor },
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
