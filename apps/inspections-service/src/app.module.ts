import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { INSPECTIONS_SERVICE } from '@xb/contracts/inspections';
import { directoryReplicaProviders, DirectoryActorInterceptor, FILE_ATTACHMENTS, fileAccessController, JETSTREAM, SERVICE_LOGGER, ServiceKitModule } from '@xb/service-kit';
import { EvidenceFiles } from './files/evidence-files.js';
import type { Logger } from 'pino';
import { AnalysisService } from './analysis/analysis.service.js';
import type { InspectionsConfig } from './config/inspections.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { rewriteInspectionPaths } from './directory/path-rewrite.js';
import { InspectionsController } from './inspections/inspections.controller.js';
import { InspectionsRepository } from './inspections/inspections.repository.js';
import { InspectionsService } from './inspections/inspections.service.js';
import { InspectionReportService } from './reports/quarterly-report.js';
import { OverdueScheduler } from './rectifications/overdue.scheduler.js';
import { RectificationsController } from './rectifications/rectifications.controller.js';
import { RectificationsRepository } from './rectifications/rectifications.repository.js';
import { RectificationsService } from './rectifications/rectifications.service.js';
import { TemplatesController } from './templates/templates.controller.js';
import { TemplatesRepository } from './templates/templates.repository.js';
import { TemplatesService } from './templates/templates.service.js';

/**
 * The inspections service: config, data source, JetStream, outbox relay and health come from
 * the kit; outlets, branches and inspectors from the directory replica; this lists the domain.
 */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: InspectionsConfig; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: INSPECTIONS_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [TemplatesController, InspectionsController, RectificationsController, fileAccessController(INSPECTIONS_SERVICE)],
      providers: [
        ...directoryReplicaProviders({
          durable: `${INSPECTIONS_SERVICE}-directory`,
          onPathChanged: rewriteInspectionPaths,
          inject: { dataSource: getDataSourceToken(), jetstream: JETSTREAM, logger: SERVICE_LOGGER },
        }),
        { provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor },
        TemplatesRepository,
        TemplatesService,
        InspectionsRepository,
        InspectionsService,
        RectificationsRepository,
        RectificationsService,
        OverdueScheduler,
        AnalysisService,
        InspectionReportService,
        EvidenceFiles,
        { provide: FILE_ATTACHMENTS, useExisting: EvidenceFiles },
      ],
    };
  }
}
