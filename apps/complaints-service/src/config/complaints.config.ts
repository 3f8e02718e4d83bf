import { BaseServiceConfig } from '@xb/service-kit';
import { IsString, Matches, MinLength } from 'class-validator';

/**
 * The complaints service's environment, validated once at boot (`loadConfig`).
 * Nothing else in this app reads `process.env`.
 */
export class ComplaintsConfig extends BaseServiceConfig {
  /** AES-256-GCM key for customer PII at rest: base64 of exactly 32 random bytes (`openssl rand -base64 32`). */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be the base64 encoding of exactly 32 bytes' })
  PII_ENCRYPTION_KEY: string;

  /** HMAC key for the customer key (repeat-complaint detection); never stored with the data. */
  @IsString()
  @MinLength(16, { message: 'PII_HASH_KEY must be at least 16 characters' })
  PII_HASH_KEY: string;
}
