import { CallHandler, ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { NatsContext, Transport, type NatsOptions } from '@nestjs/microservices';
import { HEADERS, type Actor, type RpcEnvelope } from '@xb/contracts';
import { Observable } from 'rxjs';
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

/** Runs each message handler with the correlation id the gateway put in the NATS headers. */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = context.switchToRpc().getContext<NatsContext>();
    const headers = typeof ctx?.getHeaders === 'function' ? ctx.getHeaders() : undefined;
    const correlationId = headers?.get?.(HEADERS.correlationId) || undefined;
    return new Observable((subscriber) => runWithCorrelation(correlationId, () => next.handle().subscribe(subscriber)));
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
