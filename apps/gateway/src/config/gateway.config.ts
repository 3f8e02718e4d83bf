import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { registeredServiceNames } from '@xb/contracts/registry';
import { BaseServiceConfig, loadConfig } from '@xb/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class GatewayConfig extends BaseServiceConfig {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** HMAC secret for access tokens. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @IsString()
  JWT_TTL: string = '8h';

  /** Built console to serve at `/`; nothing is served when the folder is missing. */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;

  /** Comma-separated origins allowed by CORS (the console in dev); same-origin needs none. */
  @IsString()
  CORS_ORIGINS: string = 'http://localhost:5173,http://127.0.0.1:5173';

  /**
   * Comma-separated names of the services pinged by /api/health: by default every service
   * in the registry (packages/contracts/src/registry.ts). Override only to run a partial platform.
   */
  @IsString()
  SERVICES: string = registeredServiceNames().join(',');

  /** Set to "false" to run a gateway instance that does not consume domain events into the audit log. */
  @IsString()
  AUDIT_CONSUMER: string = 'true';
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayConfig, env);
}
