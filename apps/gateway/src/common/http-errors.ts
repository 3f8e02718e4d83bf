import { HttpException } from '@nestjs/common';
import { errorBody, type ErrorDetail } from '@xb/contracts';

/** HTTP errors in the platform's error shape. */
export const httpError = (status: number, message: string, details?: ErrorDetail[]) => new HttpException(errorBody(status, message, details), status);
export const badRequestHttp = (message: string, details?: ErrorDetail[]) => httpError(400, message, details);
export const forbiddenHttp = (message: string) => httpError(403, message);
export const notFoundHttp = (what: string) => httpError(404, `${what} not found`);
export const conflictHttp = (message: string) => httpError(409, message);
export const unprocessableHttp = (message: string, details?: ErrorDetail[]) => httpError(422, message, details);
