import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { healthPattern, type ComponentHealth, type ServiceHealth } from '@xb/contracts';
import { checkDatabase, checkNats, type JetStreamHandle } from '@xb/service-kit';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { JETSTREAM } from '../common/tokens.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { ApiReturns } from '../openapi/returns.decorators.js';

const SYSTEM_ACTOR = { id: '00000000-0000-0000-0000-000000000000', username: 'health', roles: [], orgUnitId: '', orgPath: '/' };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(JETSTREAM) private readonly jet: JetStreamHandle,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly rpc: RpcClient,
  ) {}

  /** Gateway database, NATS, and a ping of each service; 503 when anything is down. */
  @Public()
  @Get()
  @ApiReturns('HealthReport')
  async health(@Res({ passthrough: true }) res: Response) {
    const services = this.config.SERVICES.split(',').map((s) => s.trim()).filter(Boolean);
    const [database, nats, ...pings] = await Promise.all([
      checkDatabase(this.ds),
      checkNats(this.jet.nc),
      ...services.map((s) => this.ping(s)),
    ]);
    const components: Record<string, ComponentHealth | ServiceHealth> = { database, nats };
    services.forEach((s, i) => (components[s] = pings[i]));
    const status = Object.values(components).every((c) => c.status === 'up') ? 'up' : 'down';
    if (status !== 'up') res.status(503);
    return { status, components };
  }

  private async ping(service: string): Promise<ServiceHealth | ComponentHealth> {
    const started = Date.now();
    try {
      const h = await this.rpc.send<ServiceHealth>(healthPattern(service), SYSTEM_ACTOR, {}, { timeoutMs: 2000 });
      return { ...h, latencyMs: Date.now() - started } as ServiceHealth;
    } catch (err) {
      return { status: 'down', error: String((err as Error)?.message ?? 'no answer') };
    }
  }
}
