/** One offending field of an invalid request. */
export interface ErrorDetail {
  field: string;
  message: string;
  /** Machine-readable rule that failed (class-validator constraint, e.g. `isIn`, `matches`), for localised messages. */
  constraint?: string;
  /** Row number (1-based, header excluded) for bulk imports. */
  row?: number;
}

/** The error body every HTTP error and every RPC error carries. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

export const HTTP_ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function errorBody(statusCode: number, message: string, details?: ErrorDetail[]): ErrorBody {
  return { statusCode, error: HTTP_ERROR_NAMES[statusCode] ?? 'Error', message, ...(details?.length ? { details } : {}) };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).statusCode === 'number' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
