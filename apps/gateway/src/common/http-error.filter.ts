import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { errorBody, isErrorBody, type ErrorBody } from '@xb/contracts';
import type { Response } from 'express';
import { TimeoutError } from 'rxjs';
import type { Logger } from 'pino';
import { queryFailureBody } from '@xb/service-kit';
import { isUndelivered } from './rpc-client.service.js';

/**
 * Every error leaves the gateway as `{statusCode, error, message, details?}`. RPC errors
 * from services arrive as plain ErrorBody objects; a timeout is 504, no responder is 503.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error({ err: exception, statusCode: body.statusCode }, body.message);
    if (res.headersSent) return;
    // A 429 says when to come back, in the header clients and proxies read.
    const retryAfter = (body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      if (isErrorBody(response)) return response;
      const message =
        typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
      return errorBody(exception.getStatus(), Array.isArray(message) ? message.join('; ') : String(message));
    }
    if (exception instanceof TimeoutError) return errorBody(504, 'The service did not answer in time');
    // Service errors arrive as plain ErrorBody objects; an Error that merely carries a statusCode (body-parser) is handled below.
    if (isErrorBody(exception) && !(exception instanceof Error)) return { ...exception, error: exception.error ?? errorBody(exception.statusCode, '').error };
    if (isUndelivered(exception)) {
      return errorBody(503, 'The service is unavailable; please retry shortly');
    }
    if ((exception as { type?: string })?.type === 'entity.parse.failed') return errorBody(400, 'Request body is not valid JSON');
    if ((exception as { type?: string })?.type === 'entity.too.large') return errorBody(413, 'Request body is too large');
    // A database error the input caused (a malformed value that got past validation): never a 500.
    const byInput = queryFailureBody(exception);
    if (byInput) return byInput;
    // Other client errors of the HTTP layer (body-parser: unsupported charset or encoding, …) keep their 4xx.
    const status = (exception as { status?: unknown; expose?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500 && (exception as { expose?: unknown }).expose === true) {
      return errorBody(status, (exception as Error).message || 'Bad request');
    }
    return errorBody(500, 'Internal server error');
  }
}
