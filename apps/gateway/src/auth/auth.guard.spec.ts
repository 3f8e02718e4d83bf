import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '@xb/contracts';
import type { UsersService } from '../users/users.service.js';
import { Authenticated, Permission, Public } from './auth.decorators.js';
import { AuthGuard } from './auth.guard.js';

/** Routes marked as the gateway's are; `unmarked` is a route someone forgot to put in the table. */
class Routes {
  @Permission('complaints', 'assign')
  assign() {}
  @Permission('audit-log', 'verify')
  verify() {}
  @Authenticated()
  me() {}
  @Public()
  login() {}
  unmarked() {}
}

const actorWith = (roles: Role[]): Actor => ({ id: 'u1', username: 'u1', roles, orgUnitId: 'o1', orgPath: '/o1/' });

function guardFor(roles: Role[]) {
  const jwt = { verifyAsync: async () => ({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 3600 }) } as unknown as JwtService;
  const users = { actorFor: async () => actorWith(roles) } as unknown as UsersService;
  return new AuthGuard(new Reflector(), jwt, users);
}

function context(handler: keyof Routes, token: string | null = 'a.b.c'): ExecutionContext {
  const req = { method: 'POST', path: `/api/${handler}`, route: { path: `/api/${handler}` }, header: (name: string) => (name === 'authorization' && token ? `Bearer ${token}` : undefined) };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard reads the permissions table', () => {
  it('lets a role the table lists through and refuses the others with 403 naming the rule', async () => {
    await expect(guardFor(['handler']).canActivate(context('assign'))).resolves.toBe(true);
    await expect(guardFor(['auditor']).canActivate(context('verify'))).resolves.toBe(true);
    const refused = guardFor(['auditor', 'staff']).canActivate(context('assign'));
    await expect(refused).rejects.toBeInstanceOf(ForbiddenException);
    await expect(refused).rejects.toMatchObject({ response: { message: 'assign on complaints needs one of the roles: admin, handler' } });
  });

  it('refuses a route without a permission to everyone, admins included, naming the route and where to add it', async () => {
    const refused = guardFor(['admin']).canActivate(context('unmarked'));
    await expect(refused).rejects.toBeInstanceOf(ForbiddenException);
    await expect(refused).rejects.toMatchObject({ response: { message: expect.stringContaining('POST /api/unmarked has no permission') } });
    await expect(guardFor(['admin']).canActivate(context('unmarked'))).rejects.toMatchObject({
      response: { message: expect.stringContaining('packages/contracts/src/permissions') },
    });
  });

  it('needs only a signed-in user for @Authenticated and nothing for @Public', async () => {
    await expect(guardFor(['staff']).canActivate(context('me'))).resolves.toBe(true);
    await expect(guardFor(['staff']).canActivate(context('me', null))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guardFor([]).canActivate(context('login', null))).resolves.toBe(true);
  });
});
