import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC, REQUIRED_ROLES, requestOf } from './auth.decorators';
import { AUTH_ERRORS, AuthenticationFailedError, PermissionDeniedError } from './auth.errors';
import type { TokenSubject } from './tokens/token.claims';
import { TokenService } from './tokens/token.service';
import type { UserRole } from './users/user.rules';

/**
 * Paths served without a token although no `@Public()` can mark them (they live in the shared
 * platform): probes and scrapers call them, and they tell nothing about the data.
 */
export const OPERATIONAL_PATHS: readonly string[] = [
  '/health',
  '/health/ready',
  '/metrics',
  '/docs',
  '/docs-json',
  '/docs-yaml',
];

/**
 * The app's one door, registered globally: every HTTP route and GraphQL operation needs
 * `Authorization: Bearer <access token>` unless marked `@Public()` (or it is an operational
 * path), and `@Roles(...)` on top. Protected by default, so a route added later cannot be
 * left open by forgetting a decorator. Other transports (microservice messages) are internal
 * and pass. The token is checked by signature and expiry only, not against the database:
 * a removed user keeps access until the access token expires (minutes), like SimpleJWT's
 * stateless authentication; refreshing does check the user.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const type = context.getType<'http' | 'graphql' | 'rpc' | 'ws'>();
    if (type !== 'http' && type !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = requestOf(context);
    if (type === 'http' && isOperational((request as Request).path)) return true;

    const caller = await this.authenticate(headerOf(request));
    if (request) request.user = caller;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles !== undefined && !roles.includes(caller.role)) throw new PermissionDeniedError();
    return true;
  }

  private async authenticate(header: string | undefined): Promise<TokenSubject> {
    const token = bearerToken(header);
    const claims = await this.tokens.verify(token, 'access').catch(() => {
      throw new AuthenticationFailedError(AUTH_ERRORS.invalidAccessToken);
    });
    return { id: claims.user_id, role: claims.role };
  }
}

/** `/health` and `/health/` alike: Express routes both to the same handler. */
/** Files of the GraphQL IDE and Swagger UI pages (their calls still need a token). */
const OPEN_PREFIXES: readonly string[] = ['/graphql-ide/', '/docs/'];

function isOperational(path: string): boolean {
  return (
    OPERATIONAL_PATHS.includes(path.replace(/(.)\/+$/, '$1')) ||
    OPEN_PREFIXES.some((prefix) => path.startsWith(prefix))
  );
}

function headerOf(request: object | undefined): string | undefined {
  const header = (request as Partial<Request> | undefined)?.headers?.authorization;
  return typeof header === 'string' ? header : undefined;
}

/**
 * The token of an `Authorization: Bearer <token>` header, read the way SimpleJWT reads it:
 * no header or another scheme is "no credentials", `Bearer` without exactly one token after
 * it a bad header.
 */
export function bearerToken(header: string | undefined): string {
  const parts = header?.trim().split(/\s+/) ?? [];
  if (parts[0]?.toLowerCase() !== 'bearer') {
    throw new AuthenticationFailedError(AUTH_ERRORS.notProvided);
  }
  if (parts.length !== 2) throw new AuthenticationFailedError(AUTH_ERRORS.badHeader);
  return parts[1];
}
