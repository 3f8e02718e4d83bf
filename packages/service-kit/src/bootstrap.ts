import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { PinoNestLogger } from './logger.js';
import { CorrelationInterceptor, natsServerOptions } from './nats.js';
import { RpcErrorFilter } from './rpc-errors.js';

export interface ServiceBootstrap {
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  module: any;
  natsUrl: string;
  logger: Logger;
}

/** Starts a NestJS microservice on NATS (queue group per service) with JSON logs, the RPC error filter and correlation ids. */
export async function bootstrapService({ service, module, natsUrl, logger }: ServiceBootstrap) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    ...natsServerOptions(service, natsUrl),
    logger: new PinoNestLogger(logger),
  });
  app.useGlobalFilters(new RpcErrorFilter(logger));
  app.useGlobalInterceptors(new CorrelationInterceptor(logger));
  app.enableShutdownHooks();
  await app.listen();
  logger.info({ natsUrl }, `${service} service listening on NATS`);
  return app;
}
