import { CallHandler, ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AuthedRequest } from '../auth/auth.decorators.js';
import { badRequestHttp, conflictHttp, unprocessableHttp } from './http-errors.js';

/**
 * `Idempotency-Key` on every POST: the first answer is stored per user and key, and a
 * retry gets it back without running the handler again. A failed first attempt stores
 * nothing, so the client may retry it. Same key, different body → 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || !key || !req.actor) return next.handle();
    if (key.length > 200) throw badRequestHttp('Idempotency-Key must be at most 200 characters', [{ field: 'Idempotency-Key', message: 'too long' }]);
    const res = context.switchToHttp().getResponse<Response>();
    const userId = req.actor.id;
    const requestHash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    return from(this.run(userId, key, requestHash, res, next));
  }

  private async run(userId: string, key: string, requestHash: string, res: Response, next: CallHandler): Promise<unknown> {
    const claimed = (await this.ds.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, requestHash],
    )) as unknown[];
    if (!claimed.length) {
      const [row] = (await this.ds.query(`SELECT request_hash, status_code, response FROM idempotency_key WHERE user_id = $1 AND key = $2`, [userId, key])) as {
        request_hash: string;
        status_code: number | null;
        response: unknown;
      }[];
      if (!row) return this.run(userId, key, requestHash, res, next); // the first attempt failed and released the key meanwhile
      if (row.request_hash !== requestHash) throw unprocessableHttp('This Idempotency-Key was used for a different request');
      if (row.status_code === null) throw conflictHttp('A request with this Idempotency-Key is still being processed');
      res.status(row.status_code);
      res.setHeader('Idempotent-Replayed', 'true');
      return lastValueFrom(of(row.response));
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: null });
      await this.ds.query(`UPDATE idempotency_key SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        res.statusCode || 201,
        JSON.stringify(body),
      ]);
      return body;
    } catch (err) {
      await this.ds.query(`DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2`, [userId, key]);
      throw err;
    }
  }
}
