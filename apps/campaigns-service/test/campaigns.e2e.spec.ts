/**
 * The campaigns service in the platform: started from the registry by the e2e stack next to
 * the gateway, reported by the gateway's health check, and its events audited by the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Actor } from '@xb/contracts';
import { CAMPAIGNS_PATTERNS, type EntryView } from '@xb/contracts/campaigns';
import { api, startStack, type Stack } from '@xb/e2e/stack';
import { waitFor } from '@xb/test-kit';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';

describe('campaigns service in the platform', () => {
  let stack: Stack;
  let client: ClientProxy;

  beforeAll(async () => {
    stack = await startStack({ name: 'campaigns_e2e', services: ['campaigns'] });
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [stack.nats.url] } });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await stack?.stop();
  });

  it('is up in the gateway health check', async () => {
    const res = await api(stack.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.components.campaigns).toMatchObject({ service: 'campaigns', status: 'up' });
  });

  it('an entry it creates reaches the gateway audit log through JetStream', async () => {
    const [admin] = await stack.sql<{ id: string; org_unit_id: string; path: string }>(
      'gateway',
      `SELECT u.id, u.org_unit_id, o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'admin'`,
    );
    const actor: Actor = { id: admin.id, username: 'admin', roles: ['admin'], orgUnitId: admin.org_unit_id, orgPath: admin.path, atHeadOffice: true };
    // The gateway has no route to this service yet, so the test sends the request the gateway would.
    const entry = await firstValueFrom(
      client.send<EntryView>(CAMPAIGNS_PATTERNS.create, { actor, data: { title: '联调', orgUnitId: admin.org_unit_id, orgPath: admin.path } }).pipe(timeout(5000)),
    );
    expect(entry.title).toBe('联调');
    await waitFor(async () => (await stack.sql('gateway', `SELECT 1 FROM audit_log WHERE action = 'campaigns.entry.created' AND resource_id = $1`, [entry.id])).length === 1, {
      what: 'the audit entry',
    });
  });
});
