import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { JwtService } from '@nestjs/jwt';
import { SeverityPipelineConfig } from '../severity-pipeline.config';
import { AccessTokenGuard, bearerToken } from './access-token.guard';
import { type AuthenticatedRequest, Public, Roles } from './auth.decorators';
import { AUTH_ERRORS, AuthenticationFailedError, PermissionDeniedError } from './auth.errors';
import { jwtOptions } from './tokens/jwt.options';
import type { TokenSubject } from './tokens/token.claims';
import { TokenService } from './tokens/token.service';

// The guard reads the handlers' metadata and never calls them (`this: void` says so).
class EventsApi {
  list(this: void): void {}

  @Roles('admin')
  purge(this: void): void {}

  @Public()
  openDoor(this: void): void {}
}

@Public()
class TokenApi {
  obtain(this: void): void {}
}

const client: TokenSubject = { id: 'c6c4b0f2-5d7e-4f0a-9b1e-2a3c4d5e6f70', role: 'client' };
const admin: TokenSubject = { id: 'a1d2c3b4-0000-4000-8000-000000000001', role: 'admin' };

interface FakeRequest extends AuthenticatedRequest {
  path: string;
  headers: Record<string, string>;
}

function httpRequest(authorization?: string, path = '/api/events'): FakeRequest {
  return { path, headers: authorization === undefined ? {} : { authorization } };
}

function httpContext(request: FakeRequest, handler: () => void, type: object = EventsApi) {
  return new ExecutionContextHost([request, {}, () => undefined], type as never, handler);
}

/** A GraphQL resolver's context: (root, args, context, info), the request in `context.req`. */
function graphqlContext(request: FakeRequest | undefined, handler: () => void) {
  const host = new ExecutionContextHost([{}, {}, { req: request }, {}], EventsApi, handler);
  host.setType('graphql');
  return host;
}

describe('AccessTokenGuard', () => {
  const config = Object.assign(new SeverityPipelineConfig(), { SECRET_KEY: 'guard-spec-secret' });
  const tokens = new TokenService(new JwtService(jwtOptions(config.SECRET_KEY)), config);
  const guard = new AccessTokenGuard(new Reflector(), tokens);
  const { list, purge, openDoor } = EventsApi.prototype;
  const bearer = async (subject: TokenSubject, type: 'access' | 'refresh' = 'access') =>
    `Bearer ${await tokens.issue(type, subject)}`;

  async function refusal(run: Promise<boolean>): Promise<unknown> {
    return run.then(
      () => {
        throw new Error('expected the guard to refuse');
      },
      (error: unknown) => error,
    );
  }

  it('lets a valid access token through and records who sent it', async () => {
    const request = httpRequest(await bearer(client));

    await expect(guard.canActivate(httpContext(request, list))).resolves.toBe(true);
    expect(request.user).toEqual(client);
  });

  it('refuses a request without a token', async () => {
    const error = await refusal(guard.canActivate(httpContext(httpRequest(), list)));

    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect((error as AuthenticationFailedError).body).toBe(AUTH_ERRORS.notProvided);
  });

  it('refuses a refresh token in place of an access token', async () => {
    const request = httpRequest(await bearer(client, 'refresh'));

    const error = await refusal(guard.canActivate(httpContext(request, list)));

    expect((error as AuthenticationFailedError).body).toBe(AUTH_ERRORS.invalidAccessToken);
    expect(request.user).toBeUndefined();
  });

  it('answers a caller without the role with PermissionDenied', async () => {
    const asClient = httpContext(httpRequest(await bearer(client)), purge);
    const asAdmin = httpContext(httpRequest(await bearer(admin)), purge);

    await expect(refusal(guard.canActivate(asClient))).resolves.toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(guard.canActivate(asAdmin)).resolves.toBe(true);
  });

  it('lets anyone call a @Public() route or controller, and the operational paths', async () => {
    await expect(guard.canActivate(httpContext(httpRequest(), openDoor))).resolves.toBe(true);
    const obtain = httpContext(httpRequest(), TokenApi.prototype.obtain, TokenApi);
    await expect(guard.canActivate(obtain)).resolves.toBe(true);
    const pages = ['/graphql-ide/main.js', '/docs', '/docs-json', '/docs/swagger-ui-bundle.js'];
    for (const path of ['/health', '/health/', '/health/ready', '/metrics', ...pages]) {
      await expect(
        guard.canActivate(httpContext(httpRequest(undefined, path), list)),
      ).resolves.toBe(true);
    }
  });

  it('protects a route outside /api as well: protected unless marked public', async () => {
    const elsewhere = httpContext(httpRequest(undefined, '/queues'), list);

    await expect(refusal(guard.canActivate(elsewhere))).resolves.toBeInstanceOf(
      AuthenticationFailedError,
    );
  });

  describe('on GraphQL', () => {
    it('reads the token from the HTTP request behind the operation', async () => {
      const request = httpRequest(await bearer(admin), '/graphql');

      await expect(guard.canActivate(graphqlContext(request, list))).resolves.toBe(true);
      expect(request.user).toEqual(admin);
    });

    it('refuses an operation without a token, or without a request at all', async () => {
      for (const request of [httpRequest(undefined, '/graphql'), undefined]) {
        await expect(
          refusal(guard.canActivate(graphqlContext(request, list))),
        ).resolves.toBeInstanceOf(AuthenticationFailedError);
      }
    });

    it('applies @Roles() the same way', async () => {
      const request = httpRequest(await bearer(client), '/graphql');

      await expect(
        refusal(guard.canActivate(graphqlContext(request, purge))),
      ).resolves.toBeInstanceOf(PermissionDeniedError);
    });
  });

  it('leaves internal transports (microservice messages) alone', async () => {
    const message = new ExecutionContextHost([{}, {}], EventsApi, list);
    message.setType('rpc');

    await expect(guard.canActivate(message)).resolves.toBe(true);
  });
});

describe('bearerToken', () => {
  it('reads `Bearer <token>`, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc.def.ghi ')).toBe('abc.def.ghi');
  });

  it.each([undefined, '', 'Basic YWRtaW46YWRtaW4=', 'Token abc'])(
    'takes %j for no credentials, as SimpleJWT does',
    (header) => {
      expect(() => bearerToken(header)).toThrow(AUTH_ERRORS.notProvided.detail);
    },
  );

  it.each(['Bearer', 'Bearer a b'])('calls %j a bad header', (header) => {
    expect(() => bearerToken(header)).toThrow(AUTH_ERRORS.badHeader.detail);
  });
});
