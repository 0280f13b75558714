import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { TokenService } from '../src/auth/tokens/token.service';
import { UsersService, type UserView } from '../src/auth/users/users.service';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

const ADMIN = { username: 'admin', password: 'correct horse battery' };
const CLIENT = { username: 'airflow', password: 'dag runs every minute' };
const MINUTE = 60_000;

/** A JWT's payload, read without checking it (as a client would). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('severity-pipeline auth (e2e): SimpleJWT endpoints and the access-token guard', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let admin: UserView;
  let client: UserView;

  beforeAll(async () => {
    app = await createTestApp(SeverityPipelineModule, { DATABASE_URL: 'sqlite::memory:' });
    http = app.getHttpServer();
    const users = app.get(UsersService);
    admin = await users.create({ ...ADMIN, role: 'admin' });
    client = await users.create({ ...CLIENT, role: 'client' });
  });

  afterAll(() => app.close());

  async function tokensOf(credentials: typeof ADMIN): Promise<{ access: string; refresh: string }> {
    const { body } = await request(http).post('/api/token/').send(credentials).expect(200);
    return body as { access: string; refresh: string };
  }

  describe('POST /api/token/', () => {
    it("answers the seed's request with an access and a refresh token", async () => {
      const { body } = await request(http)
        .post('/api/token/')
        .set('Content-Type', 'application/json')
        .send('{"username": "admin", "password": "correct horse battery"}')
        .expect(200);

      expect(Object.keys(body as object).sort()).toEqual(['access', 'refresh']);
      const access = claimsOf((body as { access: string }).access);
      const refresh = claimsOf((body as { refresh: string }).refresh);
      expect(access).toMatchObject({ token_type: 'access', user_id: admin.id, role: 'admin' });
      expect(refresh).toMatchObject({ token_type: 'refresh', user_id: admin.id });
      // SimpleJWT's defaults: 5 minutes and 1 day.
      expect(Number(access.exp) - Number(access.iat)).toBe(300);
      expect(Number(refresh.exp) - Number(refresh.iat)).toBe(86_400);
      expect(access.jti).toMatch(/^[0-9a-f]{32}$/);
      expect(access.jti).not.toBe(refresh.jti);
    });

    it('answers without the trailing slash too', async () => {
      await request(http).post('/api/token').send(CLIENT).expect(200);
    });

    it.each([
      ['a wrong password', { username: 'admin', password: 'wrong horse battery' }],
      ['an unknown username', { username: 'nobody', password: 'correct horse battery' }],
    ])("answers %s with 401 and SimpleJWT's words, the same for both", async (_, credentials) => {
      const { body } = await request(http).post('/api/token/').send(credentials).expect(401);

      expect(body).toEqual({ detail: 'No active account found with the given credentials' });
    });

    it('answers 400 naming a missing field', async () => {
      const { body } = await request(http)
        .post('/api/token/')
        .send({ username: 'admin' })
        .expect(400);

      expect(body).toMatchObject({ violations: [{ field: 'password' }] });
    });
  });

  describe('POST /api/token/refresh/', () => {
    it("answers the seed's request with a new access token only", async () => {
      const { refresh } = await tokensOf(ADMIN);

      const { body } = await request(http)
        .post('/api/token/refresh/')
        .set('Content-Type', 'application/json')
        .send(`{"refresh": "${refresh}"}`)
        .expect(200);

      expect(Object.keys(body as object)).toEqual(['access']);
      const { access } = body as { access: string };
      expect(claimsOf(access)).toMatchObject({ token_type: 'access', user_id: admin.id });
      await request(http).get('/api/me').auth(access, { type: 'bearer' }).expect(200);
    });

    it('answers without the trailing slash too', async () => {
      const { refresh } = await tokensOf(CLIENT);
      await request(http).post('/api/token/refresh').send({ refresh }).expect(200);
    });

    it.each([
      ['garbage', () => Promise.resolve('not.a.token')],
      ['an access token', async () => (await tokensOf(ADMIN)).access],
      [
        'an expired refresh token',
        () =>
          app.get(TokenService).issue('refresh', admin, new Date(Date.now() - 2 * 1440 * MINUTE)),
      ],
      [
        'a token signed with another key',
        () =>
          new JwtService({ secret: 'someone else’s secret' }).signAsync({
            token_type: 'refresh',
            user_id: admin.id,
            role: 'admin',
          }),
      ],
    ])("answers %s with 401 and SimpleJWT's words", async (_, token) => {
      const { body } = await request(http)
        .post('/api/token/refresh/')
        .send({ refresh: await token() })
        .expect(401);

      expect(body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    });
  });

  describe('a protected route (GET /api/me)', () => {
    it('answers the owner of a valid access token with who they are', async () => {
      const { access } = await tokensOf(ADMIN);

      const { body } = await request(http)
        .get('/api/me')
        .set('Authorization', `Bearer ${access}`)
        .expect(200);

      expect(body).toEqual({
        id: admin.id,
        username: 'admin',
        role: 'admin',
        createdAt: admin.createdAt.toISOString(),
      });
    });

    it('answers 401 without a token, asking for a bearer token', async () => {
      const response = await request(http).get('/api/me').expect(401);

      expect(response.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    it.each([
      ['garbage', () => Promise.resolve('garbage')],
      [
        'an expired access token',
        () => app.get(TokenService).issue('access', admin, new Date(Date.now() - 10 * MINUTE)),
      ],
      ['a refresh token', async () => (await tokensOf(ADMIN)).refresh],
      [
        'a token signed with another key',
        () =>
          new JwtService({ secret: 'someone else’s secret' }).signAsync({
            token_type: 'access',
            user_id: admin.id,
            role: 'admin',
          }),
      ],
    ])('answers 401 to %s', async (_, token) => {
      const { body } = await request(http)
        .get('/api/me')
        .set('Authorization', `Bearer ${await token()}`)
        .expect(401);

      expect(body).toMatchObject({
        detail: 'Given token not valid for any token type',
        code: 'token_not_valid',
      });
    });

    it('answers 401 to a Bearer header without a token', async () => {
      const { body } = await request(http)
        .get('/api/me')
        .set('Authorization', 'Bearer')
        .expect(401);

      expect(body).toEqual({
        detail: 'Authorization header must contain two space-delimited values',
        code: 'bad_authorization_header',
      });
    });
  });

  describe('an admin-only route (GET /api/users)', () => {
    it('answers a client with 403', async () => {
      const { access } = await tokensOf(CLIENT);

      const { body } = await request(http)
        .get('/api/users')
        .auth(access, { type: 'bearer' })
        .expect(403);

      expect(body).toEqual({ detail: 'You do not have permission to perform this action.' });
    });

    it('lists the users for an admin, without their password hashes', async () => {
      const { access } = await tokensOf(ADMIN);

      const { body } = await request(http)
        .get('/api/users')
        .auth(access, { type: 'bearer' })
        .expect(200);

      expect(body).toEqual([
        expect.objectContaining({ id: admin.id, username: 'admin', role: 'admin' }),
        expect.objectContaining({ id: client.id, username: 'airflow', role: 'client' }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
    });

    it('answers 401, not 403, without a token', async () => {
      await request(http).get('/api/users').expect(401);
    });
  });

  it('leaves GET /health open to probes', async () => {
    await request(http).get('/health').expect(200);
  });
});
