import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { TRAINING_SERVICE } from '@xb/contracts/training';
import { directoryReplicaProviders, DirectoryActorInterceptor, JETSTREAM, SERVICE_LOGGER, ServiceKitModule } from '@xb/service-kit';
import type { Logger } from 'pino';
import { AttemptsRepository } from './attempts/attempts.repository.js';
import { AttemptsService } from './attempts/attempts.service.js';
import { DeadlineSweep } from './attempts/deadline-sweep.js';
import { Grader } from './attempts/grader.js';
import type { TrainingConfig } from './config/training.config.js';
import { ENTITIES, MIGRATIONS } from './database/data-source.js';
import { rewriteTrainingOrgPaths } from './directory/org-path-rewrite.js';
import { ExamsRepository } from './exams/exams.repository.js';
import { ExamsService } from './exams/exams.service.js';
import { QuestionsRepository } from './questions/questions.repository.js';
import { QuestionsRpcController } from './questions/questions.rpc.controller.js';
import { QuestionsService } from './questions/questions.service.js';
import { ResultsRepository } from './results/results.repository.js';
import { ResultsService } from './results/results.service.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { SessionsService } from './sessions/sessions.service.js';
import { TrainingRpcController } from './training.rpc.controller.js';

/** The training service: config, data source, JetStream, outbox relay and health come from the kit; this lists the domain. */
@Module({})
export class AppModule {
  static forRoot({ config, logger }: { config: TrainingConfig; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot({ name: TRAINING_SERVICE, config, logger, entities: ENTITIES, migrations: MIGRATIONS })],
      controllers: [QuestionsRpcController, TrainingRpcController],
      providers: [
        // Who is who (audiences, scopes, names): units and users replicated from the gateway.
        ...directoryReplicaProviders({
          durable: `${TRAINING_SERVICE}-directory`,
          onPathChanged: rewriteTrainingOrgPaths,
          inject: { dataSource: getDataSourceToken(), jetstream: JETSTREAM, logger: SERVICE_LOGGER },
        }),
        { provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor },
        QuestionsRepository,
        QuestionsService,
        ExamsRepository,
        ExamsService,
        AttemptsRepository,
        AttemptsService,
        Grader,
        DeadlineSweep,
        ResultsRepository,
        ResultsService,
        SessionsRepository,
        SessionsService,
      ],
    };
  }
}
