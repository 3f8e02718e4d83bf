import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { registeredServiceNames } from '@xb/contracts/registry';
import { FILES_MAX_BYTES_DEFAULT, FILES_UNATTACHED_TTL_HOURS_DEFAULT } from '@xb/contracts';
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

  /** Largest evidence file accepted by POST /api/files, in bytes (larger → 413). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  FILES_MAX_BYTES: number = FILES_MAX_BYTES_DEFAULT;

  /** JetStream replicas of each service's file bucket: 1 on one server, 3 in a three-node cluster (like the event stream). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  FILES_REPLICAS: number = 1;

  /** An uploaded file not attached to a record within this many hours is removed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  FILES_UNATTACHED_TTL_HOURS: number = FILES_UNATTACHED_TTL_HOURS_DEFAULT;

  /** Interval of the unattached-file cleanup (one instance runs it, under an advisory lock); 0 disables the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  FILES_CLEANUP_INTERVAL_MS: number = 15 * 60_000;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GatewayConfig, env);
}
