import type { NatsConnection } from '@nats-io/transport-node';
import type { ComponentHealth, ServiceHealth } from '@xb/contracts';
import type { DataSource } from 'typeorm';

export async function checkDatabase(ds: DataSource): Promise<ComponentHealth> {
  const started = Date.now();
  try {
    await ds.query('SELECT 1');
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

export async function checkNats(nc: NatsConnection | undefined): Promise<ComponentHealth> {
  if (!nc || nc.isClosed()) return { status: 'down', error: 'not connected' };
  const started = Date.now();
  try {
    await nc.flush();
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

export function summarise(service: string, components: Record<string, ComponentHealth>): ServiceHealth {
  const status = Object.values(components).every((c) => c.status === 'up') ? 'up' : 'down';
  return { service, status, components };
}
