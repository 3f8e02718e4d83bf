import { Injectable, type CallHandler, type ExecutionContext, type InjectionToken, type NestInterceptor, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import type { RpcEnvelope } from '@xb/contracts';
import { from, mergeMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { DirectoryQueries } from './directory-queries.js';
import { DirectoryReplica, type DirectoryReplicaOptions } from './directory-replica.js';
import type { JetStreamHandle } from './jetstream.js';
import { DomainError } from './rpc-errors.js';

export interface DirectoryReplicaProvidersOptions extends DirectoryReplicaOptions {
  /** Tokens of the service's DataSource (e.g. `getDataSourceToken()`), JetStream handle and pino logger. */
  inject: { dataSource: InjectionToken; jetstream: InjectionToken; logger: InjectionToken };
}

/** Starts the replica with the app (snapshot first when needed) and stops its consumers before the database closes. */
@Injectable()
export class DirectoryReplicaLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly replica: DirectoryReplica) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.replica.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.replica.stop();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Replaces the acting user's org path and head-office flag in every request envelope by what
 * the service's replica says now, so scope follows a moved unit at once and no service
 * trusts a path copied into the message. An actor whose unit the directory does not know
 * gets 403.
 */
@Injectable()
export class DirectoryActorInterceptor implements NestInterceptor {
  constructor(private readonly directory: DirectoryQueries) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = context.switchToRpc().getData<RpcEnvelope | undefined>();
    const actor = envelope?.actor;
    if (!actor || typeof actor.orgUnitId !== 'string' || !UUID.test(actor.orgUnitId)) return next.handle();
    return from(this.directory.resolveActor(actor)).pipe(
      mergeMap((resolved) => {
        if (!resolved) throw new DomainError(403, 'Your org unit is not known to this service');
        envelope.actor = resolved;
        return next.handle();
      }),
    );
  }
}

/**
 * The directory replica as a set of providers a service adds to its root module (a service
 * kit module can bundle them later): `DirectoryReplica` (consumers + snapshot), `DirectoryQueries`
 * and the lifecycle. Add `{ provide: APP_INTERCEPTOR, useClass: DirectoryActorInterceptor }`
 * to read the actor's scope from the replica. The service's migrations must call
 * `createDirectoryTables`.
 */
export function directoryReplicaProviders(options: DirectoryReplicaProvidersOptions): Provider[] {
  const { inject, ...replicaOptions } = options;
  return [
    {
      provide: DirectoryReplica,
      inject: [inject.dataSource, inject.jetstream, inject.logger],
      useFactory: (ds: DataSource, jet: JetStreamHandle, logger: Logger) => new DirectoryReplica(ds, jet, logger, replicaOptions),
    },
    {
      provide: DirectoryQueries,
      inject: [inject.dataSource, DirectoryReplica],
      useFactory: (ds: DataSource, replica: DirectoryReplica) => new DirectoryQueries(ds, replica),
    },
    DirectoryReplicaLifecycle,
    DirectoryActorInterceptor,
  ];
}
