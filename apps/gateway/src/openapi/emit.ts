/**
 * Writes the platform's OpenAPI document without a database or NATS: Nest's preview mode
 * resolves the module graph and the routes but creates no providers. Used by the build of
 * `@xb/api-client` (`node apps/gateway/dist/openapi/emit.js <out.json>`).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@xb/service-kit';
import { AppModule } from '../app.module.js';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { buildDocument } from './document.js';

// Preview mode connects to nothing; the config only has to validate.
process.env.JWT_SECRET ??= 'openapi-preview-only-'.padEnd(40, 'x');
process.env.DATABASE_URL ??= 'postgres://preview@127.0.0.1:1/preview';
process.env.NATS_URL ??= 'nats://127.0.0.1:1';

const out = process.argv[2];
if (!out) {
  console.error('usage: node dist/openapi/emit.js <out.json>');
  process.exit(2);
}
const app = await NestFactory.create(AppModule.forRoot(loadGatewayConfig(), createLogger('openapi', 'silent')), { preview: true, logger: false });
app.setGlobalPrefix('api');
const { document, untyped } = buildDocument(app);
writeFileSync(out, `${JSON.stringify(document, null, 1)}\n`);
const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length, 0);
console.log(`openapi: ${operations} operations, ${Object.keys(document.components?.schemas ?? {}).length} schemas → ${out}${untyped.length ? `; ${untyped.length} without a response type` : ''}`);
await app.close();
