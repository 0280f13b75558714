import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuthenticationFailedError, PermissionDeniedError } from './auth.errors';

/** What SimpleJWT sends with a 401, telling the client which scheme to use. */
export const WWW_AUTHENTICATE = 'Bearer realm="api"';

/**
 * Answers authentication and permission failures the seed's way over HTTP (401 with a
 * `WWW-Authenticate` header, 403, DRF's bodies) and with GraphQL's codes over GraphQL.
 */
@Catch(AuthenticationFailedError, PermissionDeniedError)
export class AuthErrorFilter implements ExceptionFilter {
  catch(error: AuthenticationFailedError | PermissionDeniedError, host: ArgumentsHost): unknown {
    const denied = error instanceof PermissionDeniedError;
    const type = host.getType<'http' | 'graphql' | 'rpc' | 'ws'>();
    if (type === 'graphql') {
      return new GraphQLError(error.message, {
        extensions: {
          code: denied ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          // SimpleJWT's own code (`token_not_valid`, ...), where it has one.
          ...(error.body.code === undefined ? {} : { reason: error.body.code }),
        },
      });
    }
    if (type === 'http') {
      const response = host.switchToHttp().getResponse<Response>();
      if (!denied) response.setHeader('WWW-Authenticate', WWW_AUTHENTICATE);
      response.status(denied ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED).json(error.body);
      return undefined;
    }
    throw error;
  }
}
