import { CallHandler, ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { NatsContext, Transport, type NatsOptions } from '@nestjs/microservices';
import { HEADERS, type Actor, type RpcEnvelope } from '@xb/contracts';
import { Observable, tap } from 'rxjs';
import type { Logger } from 'pino';
import { runWithCorrelation } from './correlation.js';
import { unauthorized } from './rpc-errors.js';

/** NATS transport options with one queue group per service, so instances share the work. */
export function natsServerOptions(service: string, url: string): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      servers: [url],
      queue: `${service}-service`,
      name: `${service}-service`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
    },
  } as NatsOptions;
}

/**
 * Runs each message handler with the correlation id the gateway put in the NATS headers,
 * and logs one JSON line per message (subject, duration, outcome) carrying that id.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  constructor(private readonly logger?: Logger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = context.switchToRpc().getContext<NatsContext>();
    const headers = typeof ctx?.getHeaders === 'function' ? ctx.getHeaders() : undefined;
    const correlationId = headers?.get?.(HEADERS.correlationId) || undefined;
    const subject = typeof ctx?.getSubject === 'function' ? ctx.getSubject() : undefined;
    const started = process.hrtime.bigint();
    const ms = () => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        next
          .handle()
          .pipe(
            tap({
              complete: () => this.logger?.info({ subject, ms: ms(), outcome: 'ok' }, 'rpc'),
              error: (err: unknown) =>
                this.logger?.info({ subject, ms: ms(), outcome: 'error', status: (err as { getError?: () => { statusCode?: number } })?.getError?.()?.statusCode }, 'rpc'),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

/** Checks the envelope shape and returns the acting user; 401 when missing. */
export function actorOf(envelope: RpcEnvelope | undefined): Actor {
  const actor = envelope?.actor;
  if (!actor || typeof actor.id !== 'string' || !Array.isArray(actor.roles) || typeof actor.orgPath !== 'string') {
    throw unauthorized();
  }
  return actor;
}
