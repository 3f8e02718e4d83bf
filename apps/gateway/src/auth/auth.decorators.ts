import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@xb/contracts';
import type { Request } from 'express';

export const ROLES_KEY = 'xb:roles';
export const PUBLIC_KEY = 'xb:public';

/** Roles allowed on a route; omitted means any authenticated user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route that needs no token (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthedRequest extends Request {
  actor?: Actor;
}

/** The authenticated user of the request, as the actor forwarded to services. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});
