import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { errorBody, mayDo, permissionRule } from '@xb/contracts';
import { TtlCache } from '../common/ttl-cache.js';
import { UsersService } from '../users/users.service.js';
import { PERMISSION_KEY, type AuthedRequest, type RouteAccess } from './auth.decorators.js';

/**
 * Global guard: verifies the bearer token, resolves the user (cached per instance for 5 s:
 * deactivation and role changes apply at once on the instance that made them and within
 * 5 s on the others — ADR 4), and checks the route's row of the permissions table. A route
 * without one (and neither public nor for any signed-in user) is refused: deny by default.
 * The services check again.
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
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(PERMISSION_KEY, targets);
    if (access === 'public') return true;
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
    if (access === 'authenticated') return true;
    const rule = access && permissionRule(access.resource, access.action);
    if (!access || !rule) {
      throw new ForbiddenException(
        errorBody(403, `${req.method} ${req.route?.path ?? req.path} has no permission: give it @Permission(resource, action) with a row in packages/contracts/src/permissions (or @Authenticated() / @Public()); until then it is refused to everyone`),
      );
    }
    if (!mayDo(actor.roles, access.resource, access.action)) {
      throw new ForbiddenException(errorBody(403, `${access.action} on ${access.resource} needs one of the roles: ${rule.roles.join(', ')}`));
    }
    return true;
  }
}
