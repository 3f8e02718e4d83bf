import { ArgumentsHost, Catch, HttpException, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { errorBody, isErrorBody, type ErrorBody, type ErrorDetail } from '@xb/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { throwError, type Observable } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import type { Logger } from 'pino';

/**
 * The RPC error convention: a service throws `DomainError` (or returns a rejected
 * RpcException whose error is an ErrorBody); the gateway maps `statusCode` to HTTP.
 */
export class DomainError extends RpcException {
  constructor(statusCode: number, message: string, details?: ErrorDetail[]) {
    super(errorBody(statusCode, message, details));
  }
  get body(): ErrorBody {
    return this.getError() as ErrorBody;
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new DomainError(400, message, details);
export const unauthorized = (message = 'No acting user') => new DomainError(401, message);
export const forbidden = (message = 'Your role may not do this') => new DomainError(403, message);
export const notFound = (what: string) => new DomainError(404, `${what} not found`);
export const conflict = (message: string) => new DomainError(409, message);
export const unprocessable = (message: string, details?: ErrorDetail[]) => new DomainError(422, message, details);

export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const all = errors.flatMap((e): ErrorDetail[] => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, message, constraint }));
    return [...own, ...validationDetails(e.children ?? [], field)];
  });
  const seen = new Set<string>();
  return all.filter((d) => !seen.has(`${d.field}\n${d.message}`) && Boolean(seen.add(`${d.field}\n${d.message}`)));
}

/** Validates a plain payload against a contracts DTO class; 400 naming each field otherwise. */
export async function validateDto<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw badRequest('Request body must be a JSON object');
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length) throw badRequest('Validation failed', validationDetails(errors));
  return instance;
}

/** Turns anything a message handler throws into an ErrorBody the gateway can map; never leaks internals. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toBody(exception));
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isErrorBody(error)) return error;
      return errorBody(400, typeof error === 'string' ? error : 'Bad request');
    }
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: string }).message ?? exception.message);
      return errorBody(exception.getStatus(), Array.isArray(message) ? message.join('; ') : String(message));
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '23505') return errorBody(409, 'A record with the same unique value already exists');
      if (code === '40001' || code === '40P01') return errorBody(409, 'Concurrent update; please retry');
      if (code === '22P02' || code === '22007' || code === '22008') return errorBody(400, 'Malformed value');
    }
    // Never log a failed query's parameters: they carry customer data.
    const err =
      exception instanceof QueryFailedError
        ? { type: 'QueryFailedError', code: (exception.driverError as { code?: string } | undefined)?.code, message: exception.message }
        : exception instanceof Error
          ? { type: exception.name, message: exception.message, stack: exception.stack }
          : { value: String(exception) };
    this.logger.error({ err }, 'unhandled error in message handler');
    return errorBody(500, 'Internal server error');
  }
}
