import { ArgumentsHost, Catch, HttpException, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { errorBody, isErrorBody, ListQueryError, MAX_INPUT_DEPTH, nestsDeeperThan, parseListQuery, validationDetails, type ErrorBody, type ErrorDetail, type ListSpec, type ParsedListQuery } from '@xb/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
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

/** class-validator errors as error details; one implementation, in contracts (the list parser uses it too). */
export { validationDetails };

/** Validates a plain payload against a contracts DTO class; 400 naming each field otherwise. */
export async function validateDto<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw badRequest('Request body must be a JSON object');
  }
  if (nestsDeeperThan(plain)) throw badRequest(`Request nests deeper than ${MAX_INPUT_DEPTH} levels`);
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length) throw badRequest('Validation failed', validationDetails(errors));
  return instance;
}

/**
 * A list query from an RPC payload, validated by the one shared parser against the list's
 * spec (filter DTO, sort fields, range cap); 400 naming each invalid part otherwise.
 */
export function listQueryOf<F extends object, S extends string>(data: unknown, spec: ListSpec<F, S>): ParsedListQuery<F, S> {
  try {
    return parseListQuery(data, spec);
  } catch (err) {
    if (err instanceof ListQueryError) throw badRequest(err.message, err.details);
    throw err;
  }
}

/**
 * The answer to a database error that the request's input caused (a malformed or
 * out-of-range value, a missing or duplicate reference, a concurrent update), or
 * undefined for a real fault. Shared by the services' RPC filter and the gateway's HTTP
 * filter, so bad input never surfaces as a 500.
 */
export function queryFailureBody(exception: unknown): ErrorBody | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const driverError = exception.driverError as { code?: string; message?: string; detail?: string } | undefined;
  const code = driverError?.code;
  switch (code) {
    case '22P02': // invalid_text_representation (e.g. 'abc' for a uuid)
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22021': // character_not_in_repertoire (a NUL byte in text)
    case '22P05': // untranslatable_character
    case '22023': // invalid_parameter_value
    case '2201W': // invalid_row_count_in_limit_clause
    case '2201X': // invalid_row_count_in_result_offset_clause
      return errorBody(400, 'Malformed value');
    case '22001': // string_data_right_truncation
      return errorBody(400, 'A value is too long');
    case '23502': // not_null_violation
      return errorBody(400, 'A required value is missing');
    case '54000': // program_limit_exceeded (e.g. a value too large for an index)
      return errorBody(400, 'A value is too large');
    case '23503': // foreign_key_violation: still referenced (delete) or referring to nothing (insert)
      return /^update or delete/.test(driverError?.message ?? '') || /still referenced/.test(driverError?.detail ?? '')
        ? errorBody(409, 'The record is still referenced by others')
        : errorBody(422, 'A referenced record does not exist');
    case '23505': // unique_violation
      return errorBody(409, 'A record with the same unique value already exists');
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return errorBody(409, 'Concurrent update; please retry');
    default:
      return undefined;
  }
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
    const byInput = queryFailureBody(exception);
    if (byInput) return byInput;
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
