import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy, Inject, Injectable } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { connectJetStream, ensureEventsStream, FileBuckets, OutboxRelay, type JetStreamHandle } from '@xb/service-kit';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditConsumer } from './audit/audit-consumer.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { CaseArchiveController } from './case-archive/case-archive.controller.js';
import { IdempotencyInterceptor, IdempotencyStore } from './common/idempotency.interceptor.js';
import { NATS_CLIENT, RpcClient } from './common/rpc-client.service.js';
import { JETSTREAM, LOGGER } from './common/tokens.js';
import { CampaignActivitiesHttpController } from './campaigns/campaign-activities.http.controller.js';
import { CampaignsHttpController } from './campaigns/campaigns.http.controller.js';
import { ComplaintAnalysisController } from './complaints/complaint-analysis.controller.js';
import { ComplaintAttachmentsController } from './complaints/complaint-attachments.controller.js';
import { ComplaintsController } from './complaints/complaints.controller.js';
import { ComplaintImportController } from './complaints/import/complaint-import.controller.js';
import { ComplaintWorkflowController } from './complaints/complaint-workflow.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config.js';
import { gatewayDataSourceOptions } from './database/data-source.js';
import { DirectoryEvents } from './directory/directory-events.js';
import { DirectorySnapshotResponder } from './directory/directory-snapshot.responder.js';
import { DirectoryRepository } from './directory/directory.repository.js';
import { EvidenceUploadInterceptor } from './files/evidence-upload.interceptor.js';
import { FileCleanupScheduler } from './files/file-cleanup.scheduler.js';
import { FilesHttpController } from './files/files.http.controller.js';
import { FilesService } from './files/files.service.js';
import { StoredFilesRepository } from './files/stored-files.repository.js';
import { HealthController } from './health/health.controller.js';
import { INSPECTIONS_CONTROLLERS } from './inspections/index.js';
import { OrgUnitsController } from './org-units/org-units.controller.js';
import { EmergencyHttpController } from './policies/emergency.http.controller.js';
import { PoliciesHttpController } from './policies/policies.http.controller.js';
import { OrgUnitsService } from './org-units/org-units.service.js';
import { AttemptsController } from './training/attempts.controller.js';
import { ExamsController } from './training/exams.controller.js';
import { QuestionsController } from './training/questions.controller.js';
import { TrainingSessionsController } from './training/sessions.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

class JetStreamCloser implements OnApplicationShutdown {
  constructor(@Inject(JETSTREAM) private readonly jet: JetStreamHandle) {}
  async onApplicationShutdown() {
    await this.jet.nc.drain().catch(() => undefined);
  }
}

/** Publishes the gateway's outbox (directory events) from boot until the database closes. */
@Injectable()
class OutboxLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly relay: OutboxRelay) {}
  onApplicationBootstrap(): void {
    this.relay.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    const jwtKey = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(gatewayDataSourceOptions(config.DATABASE_URL)),
        JwtModule.register({
          // A prebuilt key: given a string, jsonwebtoken first tries (and fails) to parse a public key on every verify.
          secretOrKeyProvider: () => jwtKey,
          signOptions: { expiresIn: config.JWT_TTL as never, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      controllers: [AuthController, OrgUnitsController, UsersController, ComplaintAnalysisController, ComplaintsController, AuditController, HealthController, ComplaintWorkflowController, ComplaintImportController, CaseArchiveController, FilesHttpController, ComplaintAttachmentsController, PoliciesHttpController, EmergencyHttpController, QuestionsController, ExamsController, AttemptsController, TrainingSessionsController, ...INSPECTIONS_CONTROLLERS, CampaignsHttpController, CampaignActivitiesHttpController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: NATS_CLIENT,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.NATS,
              options: { servers: [config.NATS_URL], name: 'gateway', maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true },
            }),
        },
        {
          provide: JETSTREAM,
          useFactory: async () => {
            const jet = await connectJetStream(config.NATS_URL, 'gateway-jetstream', logger);
            await ensureEventsStream(jet.jsm);
            return jet;
          },
        },
        JetStreamCloser,
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), JETSTREAM],
          useFactory: (ds: DataSource, jet: JetStreamHandle) => new OutboxRelay(ds, jet, logger, config.OUTBOX_POLL_MS),
        },
        OutboxLifecycle,
        DirectoryRepository,
        DirectoryEvents,
        DirectorySnapshotResponder,
        {
          provide: FileBuckets,
          inject: [JETSTREAM],
          useFactory: (jet: JetStreamHandle) => new FileBuckets(jet.nc, { replicas: config.FILES_REPLICAS, description: 'evidence files' }),
        },
        StoredFilesRepository,
        FilesService,
        FileCleanupScheduler,
        EvidenceUploadInterceptor,
        RpcClient,
        AuditService,
        AuditConsumer,
        UsersService,
        OrgUnitsService,
        AuthService,
        IdempotencyStore,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
