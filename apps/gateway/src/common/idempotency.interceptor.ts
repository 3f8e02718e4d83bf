import { CallHandler, ExecutionContext, Injectable, SetMetadata, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from '@xb/contracts';
import type { AuthedRequest } from '../auth/auth.decorators.js';
import { badRequestHttp, conflictHttp, unprocessableHttp } from './http-errors.js';

const IDEMPOTENT_IN_HANDLER = 'xb:idempotent-in-handler';

/**
 * Marks a POST whose request is only known inside the handler (a multipart upload: multer
 * runs after the global interceptor, so the file is not there yet). The handler then calls
 * IdempotencyStore.run itself with a hash that covers the file.
 */
export const IdempotentInHandler = () => SetMetadata(IDEMPOTENT_IN_HANDLER, true);

/** Checks an Idempotency-Key header value; undefined when there is none. */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length > 200) throw badRequestHttp('Idempotency-Key must be at most 200 characters', [{ field: 'Idempotency-Key', message: 'too long' }]);
  return value;
}

/** SHA-256 over the parts of a request that make it "the same request", newline-separated. */
export function requestHash(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  parts.forEach((p, i) => (i ? h.update('\n').update(p) : h.update(p)));
  return h.digest('hex');
}

/**
 * The stored first answers: per user and key, claimed before the work runs, filled with
 * the answer after, released when the work fails (so the client may retry it).
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run<T>(userId: string, key: string, hash: string, res: Response, work: () => Promise<T>): Promise<T> {
    const claimed = (await this.ds.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, hash],
    )) as unknown[];
    if (!claimed.length) {
      const [row] = (await this.ds.query(`SELECT request_hash, status_code, response FROM idempotency_key WHERE user_id = $1 AND key = $2`, [userId, key])) as {
        request_hash: string;
        status_code: number | null;
        response: T;
      }[];
      if (!row) return this.run(userId, key, hash, res, work); // the first attempt failed and released the key meanwhile
      if (row.request_hash !== hash) throw unprocessableHttp('This Idempotency-Key was used for a different request');
      if (row.status_code === null) throw conflictHttp('A request with this Idempotency-Key is still being processed');
      res.status(row.status_code);
      res.setHeader('Idempotent-Replayed', 'true');
      return row.response;
    }
    try {
      const body = await work();
      await this.ds.query(`UPDATE idempotency_key SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        res.statusCode || 201,
        JSON.stringify(body ?? null),
      ]);
      return body;
    } catch (err) {
      await this.ds.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2`, [userId, key]);
      throw err;
    }
  }
}

/**
 * `Idempotency-Key` on every POST: the first answer is stored per user and key, and a
 * retry gets it back without running the handler again. A failed first attempt stores
 * nothing, so the client may retry it. Same key, different body → 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (req.method !== 'POST' || !req.actor || this.reflector.get<boolean>(IDEMPOTENT_IN_HANDLER, context.getHandler())) return next.handle();
    const key = idempotencyKeyOf(req.header('idempotency-key'));
    if (!key) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    // Hashing walks the body before validation does: refuse what would overflow the stack (400, not 500).
    if (nestsDeeperThan(req.body)) throw badRequestHttp(`Input nests deeper than ${MAX_INPUT_DEPTH} levels`, [{ field: 'body', message: 'nested too deeply' }]);
    const hash = requestHash(`${req.method} ${req.originalUrl}`, JSON.stringify(req.body ?? null));
    return from(this.store.run(req.actor.id, key, hash, res, () => lastValueFrom(next.handle(), { defaultValue: null })));
  }
}
