import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { POLICIES_SERVICE } from '@xb/contracts/policies';
import { directoryReplicaProviders, DirectoryActorInterceptor, FILE_ATTACHMENTS, fileAccessController, JETSTREAM, SERVICE_LOGGER, ServiceKitModule } from '@xb/service-kit';
import type { Logger } from 'pino';
import type { PoliciesConfig } from './config/policies.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { EmergencyRpcController } from './emergency/emergency.rpc.controller.js';
import { EmergencyService } from './emergency/emergency.service.js';
import { AcknowledgementsRepository, cancelTasksOfMovedUnit } from './policies/acknowledgements.repository.js';
import { AcknowledgementsService } from './policies/acknowledgements.service.js';
import { PoliciesRepository } from './policies/policies.repository.js';
import { PoliciesRpcController } from './policies/policies.rpc.controller.js';
import { PoliciesScheduler } from './policies/policies.scheduler.js';
import { PoliciesService } from './policies/policies.service.js';
import { VersionFiles } from './policies/version-files.js';

/** The policies service: config, data source, JetStream, outbox relay and health come from the kit; this lists the domain. */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: PoliciesConfig; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: POLICIES_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [PoliciesRpcController, EmergencyRpcController, fileAccessController(POLICIES_SERVICE)],
      providers: [
        // Audiences, acknowledgement rates and sign-off departments read units and users from the replica.
        // A unit moving out of an audience cancels its people's open tasks, with a record (in the replica's transaction).
        ...directoryReplicaProviders({ durable: `${POLICIES_SERVICE}-directory`, onPathChanged: cancelTasksOfMovedUnit, inject: { dataSource: getDataSourceToken(), jetstream: JETSTREAM, logger: SERVICE_LOGGER } }),
        { provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor },
        PoliciesRepository,
        AcknowledgementsRepository,
        PoliciesService,
        AcknowledgementsService,
        PoliciesScheduler,
        EmergencyService,
        VersionFiles,
        // Attachments: who may see a file is who may read a version naming it.
        { provide: FILE_ATTACHMENTS, useExisting: VersionFiles },
      ],
    };
  }
}
