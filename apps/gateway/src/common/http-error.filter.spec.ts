import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { errorBody } from '@xb/contracts';
import { pino } from 'pino';
import { TimeoutError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { HttpErrorFilter } from './http-error.filter.js';

const filter = new HttpErrorFilter(pino({ level: 'silent' }));

describe('HTTP error mapping', () => {
  it('passes service error bodies through with their status', () => {
    expect(filter.toBody({ statusCode: 409, error: 'Conflict', message: 'Illegal transition' })).toEqual({ statusCode: 409, error: 'Conflict', message: 'Illegal transition' });
  });

  it('maps an RPC timeout to 504 and a missing responder to 503', () => {
    expect(filter.toBody(new TimeoutError()).statusCode).toBe(504);
    expect(filter.toBody(new Error('Empty response. There are no subscribers listening to that message ("complaints.complaint.get")')).statusCode).toBe(503);
    expect(filter.toBody('Error: Connection lost. Trying to reconnect...').statusCode).toBe(503);
  });

  it('keeps validation details and Nest exceptions in the platform shape', () => {
    const body = filter.toBody(new BadRequestException(errorBody(400, 'Validation failed', [{ field: 'channel', message: 'bad' }])));
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'channel', message: 'bad' }] });
    expect(filter.toBody(new ForbiddenException('nope'))).toMatchObject({ statusCode: 403, message: 'nope' });
  });

  it('answers database errors caused by input with 400/409/422, never 500', () => {
    const failed = (code: string, message = 'x', detail?: string) =>
      new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code, ...(detail ? { detail } : {}) }));
    for (const code of ['22P02', '22003', '22007', '22008', '22001', '22021', '23502']) expect(filter.toBody(failed(code)).statusCode).toBe(400);
    expect(filter.toBody(failed('23505')).statusCode).toBe(409);
    expect(filter.toBody(failed('23503', 'insert or update on table "app_user" violates foreign key constraint', 'Key (org_unit_id)=(…) is not present in table "org_unit".')).statusCode).toBe(422);
    expect(filter.toBody(failed('23503', 'update or delete on table "org_unit" violates foreign key constraint', 'Key (id)=(…) is still referenced from table "app_user".')).statusCode).toBe(409);
    // A real fault stays a 500, and says nothing of the query.
    expect(filter.toBody(failed('53300', 'too many connections'))).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  });

  it('keeps the 4xx of HTTP-layer client errors (body-parser) and their message', () => {
    const charset = Object.assign(new Error('unsupported charset "KOI8-Q"'), { status: 415, statusCode: 415, expose: true, type: 'charset.unsupported' });
    expect(filter.toBody(charset)).toMatchObject({ statusCode: 415, message: 'unsupported charset "KOI8-Q"' });
    // An internal error that happens to carry a status but is not meant to be exposed stays a 500.
    expect(filter.toBody(Object.assign(new Error('secret'), { status: 400, expose: false })).statusCode).toBe(500);
  });

  it('never leaks an unknown error', () => {
    expect(filter.toBody(new Error('password=hunter2 at db.ts:12'))).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  });
});
