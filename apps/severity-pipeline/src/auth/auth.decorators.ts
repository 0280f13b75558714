import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { TokenSubject } from './tokens/token.claims';
import type { UserRole } from './users/user.rules';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** A route (or a controller's routes) anyone may call without a token: the token endpoints. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only callers with one of `roles` may call it; others get 403 (GraphQL `FORBIDDEN`). */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** A request the guard let through, carrying who sent it. */
export interface AuthenticatedRequest {
  user?: TokenSubject;
}

/** The request behind an HTTP route or a GraphQL resolver (undefined for other transports). */
export function requestOf(context: ExecutionContext): AuthenticatedRequest | undefined {
  const type = context.getType<'http' | 'graphql'>();
  if (type === 'http') return context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (type === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req?: AuthenticatedRequest }>().req;
  }
  return undefined;
}

/** The caller the access token names (id and role), in a controller or a resolver. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): TokenSubject | undefined => requestOf(context)?.user,
);
