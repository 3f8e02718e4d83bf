import { HEADERS } from '@xb/contracts';
import { runWithCorrelation, currentCorrelationId } from '@xb/service-kit';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's correlation id (or makes one), echoes it, and logs each request as one JSON line. */
export function correlationMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header(HEADERS.correlationId);
    runWithCorrelation(incoming && SAFE_ID.test(incoming) ? incoming : undefined, () => {
      const id = currentCorrelationId()!;
      res.setHeader(HEADERS.correlationId, id);
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        if (!req.path.startsWith('/api')) return;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        runWithCorrelation(id, () =>
          logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'http'),
        );
      });
      next();
    });
  };
}
