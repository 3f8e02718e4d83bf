import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { createLogger, PinoNestLogger } from '@xb/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { correlationMiddleware } from './common/correlation.middleware.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { createValidationPipe } from './common/validation.js';
import { loadGatewayConfig } from './config/gateway.config.js';
import { buildDocument } from './openapi/document.js';

const config = loadGatewayConfig();
const logger = createLogger('gateway', config.LOG_LEVEL);

// A taken port is one line that says what to do, before anything connects (Nest would log a
// stack trace after the database and NATS are up).
const portTaken = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE'));
  probe.listen(config.PORT, '0.0.0.0', () => probe.close(() => resolve(false)));
});
if (portTaken) {
  logger.fatal(`port ${config.PORT} is already in use; set PORT to choose another`);
  process.exit(1);
}

const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
  logger: new PinoNestLogger(logger),
  bodyParser: true,
});
app.set('trust proxy', 'loopback');
// A policy version of ~100,000 Chinese characters is ~300 KB of JSON (the default limit is 100 KB).
app.useBodyParser('json', { limit: '1mb' });
app.use(correlationMiddleware(logger));
app.setGlobalPrefix('api');
app.enableCors({
  origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
  exposedHeaders: ['Content-Range', 'X-Total-Is-Lower-Bound', 'X-Correlation-Id', 'Idempotent-Replayed'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id', 'Range'],
});
app.useGlobalPipes(createValidationPipe());
app.useGlobalFilters(new HttpErrorFilter(logger));
app.enableShutdownHooks();

const { document, untyped } = buildDocument(app);
if (untyped.length) logger.warn({ untyped }, 'operations without a declared response type (see src/openapi/returns.decorators.ts)');
SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

// The built console at `/`, with client-side routes falling back to index.html.
const consoleDir = resolve(config.CONSOLE_DIR ?? join(import.meta.dirname, '../../console/dist'));
if (existsSync(join(consoleDir, 'index.html'))) {
  app.useStaticAssets(consoleDir, { index: 'index.html', maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(join(consoleDir, 'index.html'));
  });
} else {
  logger.warn({ consoleDir }, 'console build not found; serving the API only');
}

await app.listen(config.PORT, '0.0.0.0');
logger.info({ port: config.PORT }, `gateway listening on http://127.0.0.1:${config.PORT}/ (API /api, docs /api/docs)`);
