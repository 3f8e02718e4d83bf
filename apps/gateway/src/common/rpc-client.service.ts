import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { HEADERS, type Actor, type RpcEnvelope } from '@xb/contracts';
import { currentCorrelationId } from '@xb/service-kit';
import { firstValueFrom, timeout } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

export const NATS_CLIENT = Symbol('NATS_CLIENT');

/**
 * Request-reply to the services: every message carries the actor, a correlation id header
 * and a timeout (ClientProxy.send has none). Errors pass through to the HTTP error filter.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async send<R, D = unknown>(pattern: string, actor: Actor, data: D, opts: { idempotencyKey?: string; timeoutMs?: number } = {}): Promise<R> {
    const envelope: RpcEnvelope<D> = { actor, data, ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}) };
    const deadline = Date.now() + (opts.timeoutMs ?? this.config.RPC_TIMEOUT_MS);
    for (let attempt = 1; ; attempt++) {
      const h = natsHeaders();
      const correlationId = currentCorrelationId();
      if (correlationId) h.set(HEADERS.correlationId, correlationId);
      const record = new NatsRecordBuilder(envelope).setHeaders(h).build();
      try {
        return await firstValueFrom(this.client.send<R>(pattern, record).pipe(timeout(Math.max(1, deadline - Date.now()))));
      } catch (err) {
        // The message provably reached no instance, so a retry cannot duplicate work:
        // ride out a service restart or a NATS reconnect within the time budget.
        const backoff = Math.min(100 * attempt, 1000);
        if (!isUndelivered(err) || Date.now() + backoff >= deadline) throw err;
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/** "No responders" (no instance subscribed) or "connection lost" (nothing was sent): never processed. */
export function isUndelivered(err: unknown): boolean {
  const message = typeof err === 'string' ? err : String((err as { message?: unknown })?.message ?? '');
  return /no subscribers|no responders|connection lost|trying to reconnect/i.test(message);
}
