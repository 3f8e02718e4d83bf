import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { errorBody } from '@xb/contracts';
import { pino } from 'pino';
import { TimeoutError } from 'rxjs';
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

  it('never leaks an unknown error', () => {
    expect(filter.toBody(new Error('password=hunter2 at db.ts:12'))).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  });
});
