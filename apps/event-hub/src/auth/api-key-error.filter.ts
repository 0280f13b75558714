import { status } from '@grpc/grpc-js';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { type Observable, throwError } from 'rxjs';
import { ApiKeyRefusedError } from './api-key-refused.error';

/** What a 401 tells the client to send (RFC 6750); `X-API-Key` is accepted as well. */
export const WWW_AUTHENTICATE = 'Bearer realm="event-hub"';

/**
 * Answers a refused write in each protocol's terms: HTTP 401 with `WWW-Authenticate`,
 * GraphQL code `UNAUTHENTICATED`, gRPC status UNAUTHENTICATED. Handled here rather than left
 * to Nest, which would log every refusal over GraphQL as an unexpected error.
 */
@Catch(ApiKeyRefusedError)
export class ApiKeyErrorFilter implements ExceptionFilter<ApiKeyRefusedError> {
  catch(error: ApiKeyRefusedError, host: ArgumentsHost): GraphQLError | Observable<never> | void {
    const type = host.getType<'http' | 'rpc' | 'graphql' | 'ws'>();
    if (type === 'graphql') {
      return new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED' } });
    }
    if (type === 'rpc') {
      // grpc-js makes the call's status of a { code, message } error.
      return throwError(() => ({ code: status.UNAUTHENTICATED, message: error.message }));
    }
    const response = host.switchToHttp().getResponse<Response>();
    response
      .setHeader('WWW-Authenticate', WWW_AUTHENTICATE)
      .status(HttpStatus.UNAUTHORIZED)
      .json({ statusCode: HttpStatus.UNAUTHORIZED, error: 'Unauthorized', message: error.message });
  }
}
