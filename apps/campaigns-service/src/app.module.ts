import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CAMPAIGNS_SERVICE } from '@xb/contracts/campaigns';
import { directoryReplicaProviders, DirectoryActorInterceptor, FILE_ATTACHMENTS, fileAccessController, JETSTREAM, SERVICE_LOGGER, ServiceKitModule } from '@xb/service-kit';
import type { Logger } from 'pino';
import { ActivitiesRepository } from './activities/activities.repository.js';
import { ActivitiesService } from './activities/activities.service.js';
import { ActivityImportService } from './activities/activity-import.js';
import { CampaignsRepository } from './campaigns/campaigns.repository.js';
import { CampaignsRpcController } from './campaigns/campaigns.rpc.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import type { CampaignsConfig } from './config/campaigns.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { rewriteCampaignOrgPaths } from './database/org-path-rewrite.js';
import { ReportsService } from './reports/reports.service.js';
import { TotalsRepository } from './totals/totals.repository.js';
import { TotalsService } from './totals/totals.service.js';

/** The campaigns service: config, data source, JetStream, outbox relay and health come from the kit; this lists the domain. */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: CampaignsConfig; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: CAMPAIGNS_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [CampaignsRpcController, fileAccessController(CAMPAIGNS_SERVICE)],
      providers: [
        // Who is who: units and users replicated from the gateway; the actor's scope is read from it.
        ...directoryReplicaProviders({
          durable: `${CAMPAIGNS_SERVICE}-directory`,
          onPathChanged: rewriteCampaignOrgPaths,
          inject: { dataSource: getDataSourceToken(), jetstream: JETSTREAM, logger: SERVICE_LOGGER },
        }),
        { provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor },
        CampaignsRepository,
        CampaignsService,
        ActivitiesRepository,
        ActivitiesService,
        ActivityImportService,
        TotalsRepository,
        TotalsService,
        ReportsService,
        { provide: FILE_ATTACHMENTS, useExisting: ActivitiesService },
      ],
    };
  }
}
