import { Module, type DynamicModule } from '@nestjs/common';
import { CAMPAIGNS_SERVICE } from '@xb/contracts/campaigns';
import { ServiceKitModule } from '@xb/service-kit';
import type { Logger } from 'pino';
import type { CampaignsConfig } from './config/campaigns.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { EntriesRepository } from './entries/entries.repository.js';
import { EntriesRpcController } from './entries/entries.rpc.controller.js';
import { EntriesService } from './entries/entries.service.js';

/** The campaigns service: config, data source, JetStream, outbox relay and health come from the kit; this lists the domain. */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: CampaignsConfig; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: CAMPAIGNS_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [EntriesRpcController],
      providers: [EntriesRepository, EntriesService],
    };
  }
}
