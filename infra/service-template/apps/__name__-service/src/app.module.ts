import { Module, type DynamicModule } from '@nestjs/common';
import { __NAME___SERVICE } from '@xb/contracts/__name__';
import { ServiceKitModule } from '@xb/service-kit';
import type { Logger } from 'pino';
import type { __Name__Config } from './config/__name__.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { EntriesRepository } from './entries/entries.repository.js';
import { EntriesRpcController } from './entries/entries.rpc.controller.js';
import { EntriesService } from './entries/entries.service.js';

/** The __name__ service: config, data source, JetStream, outbox relay and health come from the kit; this lists the domain. */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: __Name__Config; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: __NAME___SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [EntriesRpcController],
      providers: [EntriesRepository, EntriesService],
    };
  }
}
