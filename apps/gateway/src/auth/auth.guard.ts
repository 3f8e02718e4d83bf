import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { errorBody, hasAnyRole, type Role } from '@xb/contracts';
import { TtlCache } from '../common/ttl-cache.js';
import { UsersService } from '../users/users.service.js';
import { PUBLIC_KEY, ROLES_KEY, type AuthedRequest } from './auth.decorators.js';

/**
 * Global guard: verifies the bearer token, resolves the user (cached per instance for 5 s:
 * deactivation and role changes apply at once on the instance that made them and within
 * 5 s on the others — ADR 4), and checks the route's roles. The services check again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature was verified in the last minute: a client sends the same token
   * with every request, and checking the HMAC each time was a visible share of the
   * gateway's CPU. Expiry is still checked on every request; a bad token is never cached.
   */
  private readonly verified = new TtlCache<string, { sub: string; exp: number }>(60_000);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException(errorBody(401, 'Missing bearer token'));
    let sub: string;
    try {
      const claims = await this.verified.get(token, () => this.jwt.verifyAsync<{ sub: string; exp: number }>(token));
      if (claims.exp * 1000 <= Date.now()) throw new Error('expired');
      sub = claims.sub;
    } catch {
      throw new UnauthorizedException(errorBody(401, 'Invalid or expired token'));
    }
    const actor = await this.users.actorFor(sub);
    if (!actor) throw new UnauthorizedException(errorBody(401, 'User is inactive or no longer exists'));
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !hasAnyRole(actor, roles)) {
      throw new ForbiddenException(errorBody(403, `This action needs one of the roles: ${roles.join(', ')}`));
    }
    return true;
  }
}
