import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, PermissionAction, PermissionResource } from '@xb/contracts';
import type { Request } from 'express';

export const PERMISSION_KEY = 'xb:permission';
/** The OpenAPI extension naming each operation's permission: the route × role test reads it. */
export const PERMISSION_EXTENSION = 'x-permission';

/** What a route requires: a row of the permissions table, or only a signed-in user, or nothing. */
export type RouteAccess = { resource: string; action: string } | 'authenticated' | 'public';

const access = (value: RouteAccess) => applyDecorators(SetMetadata(PERMISSION_KEY, value), ApiExtension(PERMISSION_EXTENSION, value));

/**
 * The route needs `action` on `resource` as the permissions table (`@xb/contracts/permissions`)
 * says; a route with neither this, `@Authenticated()` nor `@Public()` is refused (403).
 */
export const Permission = <R extends PermissionResource>(resource: R, action: PermissionAction<R>) => access({ resource, action });
/** Any signed-in user (their own profile, the coded reference lists). */
export const Authenticated = () => access('authenticated');
/** A route that needs no token (login, health). */
export const Public = () => access('public');

export interface AuthedRequest extends Request {
  actor?: Actor;
}

/** The authenticated user of the request, as the actor forwarded to services. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});
