import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { errorBody, LOGIN_IP_MAX_FAILURES, LOGIN_IP_WINDOW_MINUTES, LOGIN_LOCK_MINUTES, LOGIN_MAX_FAILURES, type LoginResponse } from '@xb/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

// Verifying against a real hash for unknown users keeps response times alike (no username probing).
const DUMMY_HASH = argon2.hash('not-a-real-password', { type: argon2.argon2id });

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Password login with lockout: LOGIN_MAX_FAILURES failures lock the account for
   * LOGIN_LOCK_MINUTES, and LOGIN_IP_MAX_FAILURES failures from one address (over all
   * accounts) make that address wait until its window ends (429, Retry-After). Every
   * success, failure, lockout and refusal is written to the audit log.
   */
  async login(username: string, password: string, ip: string | undefined): Promise<LoginResponse> {
    await this.refuseThrottledAddress(username, ip);
    try {
      return await this.checkPassword(username, password, ip);
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === 401) await this.countAddressFailure(ip);
      throw err;
    }
  }

  /** 429 while the address has used up its failures in the current window. */
  private async refuseThrottledAddress(username: string, ip: string | undefined): Promise<void> {
    if (!ip) return;
    const [row] = (await this.ds.query(
      `SELECT failures, window_started_at + make_interval(mins => $2) AS window_ends_at FROM login_ip_failure
        WHERE ip = $1 AND window_started_at + make_interval(mins => $2) > now()`,
      [ip, LOGIN_IP_WINDOW_MINUTES],
    )) as { failures: number; window_ends_at: Date }[];
    if (!row || row.failures < LOGIN_IP_MAX_FAILURES) return;
    await this.audit.append({ actor: null, action: 'auth.login.refused-throttled', resource: 'auth', resourceId: null, details: { username, ip, failures: row.failures } });
    const retryAfter = Math.max(1, Math.ceil((row.window_ends_at.getTime() - Date.now()) / 1000));
    throw new HttpException(
      { ...errorBody(429, `Too many failed logins from this address; try again after ${row.window_ends_at.toISOString()}`), retryAfterSeconds: retryAfter },
      429,
    );
  }

  /** One more failure for the address: a new window when the last one has ended. */
  private async countAddressFailure(ip: string | undefined): Promise<void> {
    if (!ip) return;
    await this.ds.query(
      `INSERT INTO login_ip_failure (ip, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (ip) DO UPDATE SET
         failures = CASE WHEN login_ip_failure.window_started_at + make_interval(mins => $2) <= now() THEN 1 ELSE login_ip_failure.failures + 1 END,
         window_started_at = CASE WHEN login_ip_failure.window_started_at + make_interval(mins => $2) <= now() THEN now() ELSE login_ip_failure.window_started_at END`,
      [ip, LOGIN_IP_WINDOW_MINUTES],
    );
  }

  private async checkPassword(username: string, password: string, ip: string | undefined): Promise<LoginResponse> {
    const repo = this.ds.getRepository(UserEntity);
    const user = await repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    const now = new Date();
    if (!user || !user.active) {
      await argon2.verify(await DUMMY_HASH, password).catch(() => false);
      await this.audit.append({ actor: null, action: 'auth.login.failed', resource: 'auth', resourceId: null, details: { username, ip, reason: user ? 'inactive' : 'unknown-user' } });
      throw new HttpException(errorBody(401, 'Wrong username or password'), 401);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.append({ actor: { id: user.id, username }, action: 'auth.login.refused-locked', resource: 'auth', resourceId: user.id, details: { ip, lockedUntil: user.lockedUntil.toISOString() } });
      throw new HttpException(errorBody(423, `Account locked after ${LOGIN_MAX_FAILURES} failed logins until ${user.lockedUntil.toISOString()}`), 423);
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok) {
      await this.ds.transaction(async (m) => {
        // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
        const [rows] = (await m.query(
          `UPDATE app_user SET failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_logins + 1 END,
                               locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL ELSE locked_until END
            WHERE id = $1 RETURNING failed_logins`,
          [user.id],
        )) as [{ failed_logins: number }[], number];
        const failures = rows[0].failed_logins;
        await this.audit.append({ actor: { id: user.id, username }, action: 'auth.login.failed', resource: 'auth', resourceId: user.id, details: { ip, failures } }, m);
        if (failures >= LOGIN_MAX_FAILURES) {
          const until = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
          await m.query(`UPDATE app_user SET locked_until = $2, failed_logins = 0 WHERE id = $1`, [user.id, until]);
          await this.audit.append({ actor: { id: user.id, username }, action: 'auth.account.locked', resource: 'user', resourceId: user.id, details: { ip, until: until.toISOString() } }, m);
        }
      });
      throw new HttpException(errorBody(401, 'Wrong username or password'), 401);
    }
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
      await this.audit.append({ actor: { id: user.id, username }, action: 'auth.login.succeeded', resource: 'auth', resourceId: user.id, details: { ip } }, m);
    });
    const actor = (await this.users.actorFor(user.id))!;
    const accessToken = await this.jwt.signAsync({ sub: user.id, username, roles: actor.roles });
    return { accessToken, user: await this.users.getOwn(user.id) };
  }
}
