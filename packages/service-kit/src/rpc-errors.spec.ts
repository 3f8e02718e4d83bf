import { describe, expect, it } from '@jest/globals';
import { COMPLAINT_LIST, type ErrorBody } from '@xb/contracts';
import { pino } from 'pino';
import { firstValueFrom } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { DomainError, listQueryOf, RpcErrorFilter } from './rpc-errors.js';
import { escapeLike, likeContaining, likeStartingWith, orderByOf } from './sql-helpers.js';

const filter = new RpcErrorFilter(pino({ level: 'silent' }));
const answer = async (exception: unknown): Promise<ErrorBody> => {
  try {
    await firstValueFrom(filter.catch(exception, undefined as never));
  } catch (body) {
    return body as ErrorBody;
  }
  throw new Error('the filter answered without an error');
};
const failed = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code }));

describe('RPC errors of the services', () => {
  it('answers database errors caused by input with 400/409, never 500', async () => {
    expect((await answer(failed('22P02'))).statusCode).toBe(400);
    expect((await answer(failed('22021'))).statusCode).toBe(400);
    expect((await answer(failed('22001'))).statusCode).toBe(400);
    expect((await answer(failed('23505'))).statusCode).toBe(409);
    expect(await answer(failed('XX000'))).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  });

  it('refuses an invalid list payload with a 400 naming the fields', () => {
    try {
      listQueryOf({ filter: { id: ['x'] }, range: [0, 5000], sort: ['customerPhone', 'ASC'] }, COMPLAINT_LIST);
      throw new Error('expected a DomainError');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).body.details?.map((d) => d.field)).toEqual(['id', 'range', 'sort']);
    }
  });
});

describe('SQL helpers for lists', () => {
  it('escape LIKE wildcards so user text matches itself', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(likeContaining('a%')).toBe('%a\\%%');
    expect(likeStartingWith('/x_y/')).toBe('/x\\_y/%');
  });

  it('orders only by a whitelisted column and direction', () => {
    expect(orderByOf({ id: 'u.id', name: 'u.name' }, ['name', 'DESC'])).toEqual(['u.name', 'DESC']);
    expect(() => orderByOf({ id: 'u.id' }, ['name; DROP TABLE x', 'ASC'])).toThrow();
  });
});
