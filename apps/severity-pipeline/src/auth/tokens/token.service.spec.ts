import { JwtService } from '@nestjs/jwt';
import { SeverityPipelineConfig } from '../../severity-pipeline.config';
import { jwtOptions } from './jwt.options';
import type { TokenSubject } from './token.claims';
import { InvalidTokenError, TokenService } from './token.service';

const SECRET = 'token-service-spec-secret-of-enough-length';
const alice: TokenSubject = { id: '0b5a2f0e-4a8e-4c1f-9d5e-6f1d3a7c9b21', role: 'client' };
const NOON = new Date('2026-11-23T12:00:00Z');
const NOON_S = NOON.getTime() / 1000;

function service(lifetimes: Partial<SeverityPipelineConfig> = {}): TokenService {
  const config = Object.assign(new SeverityPipelineConfig(), { SECRET_KEY: SECRET, ...lifetimes });
  return new TokenService(new JwtService(jwtOptions(SECRET)), config);
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('TokenService', () => {
  const tokens = service();

  it("issues SimpleJWT's claims, with the configured lifetimes", async () => {
    const custom = service({ ACCESS_TOKEN_LIFETIME: '30s', REFRESH_TOKEN_LIFETIME: '2h' });

    const { access, refresh } = await custom.issuePair(alice, NOON);

    expect(payloadOf(access)).toEqual({
      token_type: 'access',
      exp: NOON_S + 30,
      iat: NOON_S,
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
      user_id: alice.id,
      role: 'client',
    });
    expect(payloadOf(refresh)).toMatchObject({ token_type: 'refresh', exp: NOON_S + 7200 });
  });

  it('accepts a token signed with the same secret as text, as other clients of SECRET_KEY do', async () => {
    const signedElsewhere = new JwtService({ secret: SECRET }).sign(
      { token_type: 'access', user_id: alice.id, role: 'client', iat: NOON_S, exp: NOON_S + 60 },
      { algorithm: 'HS256' },
    );

    await expect(tokens.verify(signedElsewhere, 'access', NOON)).resolves.toMatchObject({
      user_id: alice.id,
    });
    await expect(
      tokens.verify(
        new JwtService({ secret: `${SECRET}-other` }).sign(
          { token_type: 'access', user_id: alice.id, role: 'client', iat: NOON_S },
          { algorithm: 'HS256' },
        ),
        'access',
        NOON,
      ),
    ).rejects.toThrow(InvalidTokenError);
  });

  it('signs with HS256', async () => {
    const header = (await tokens.issue('access', alice)).split('.')[0];

    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  it('accepts a token of the asked type until it expires', async () => {
    const access = await tokens.issue('access', alice, NOON);
    const justBefore = new Date(NOON.getTime() + 299_000);

    await expect(tokens.verify(access, 'access', justBefore)).resolves.toMatchObject({
      user_id: alice.id,
      role: 'client',
    });
  });

  it('refuses an expired token', async () => {
    const access = await tokens.issue('access', alice, NOON);
    const expiry = new Date(NOON.getTime() + 300_000);

    await expect(tokens.verify(access, 'access', expiry)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a refresh token as an access token and the other way round', async () => {
    const { access, refresh } = await tokens.issuePair(alice);

    await expect(tokens.verify(refresh, 'access')).rejects.toThrow('a refresh token, not access');
    await expect(tokens.verify(access, 'refresh')).rejects.toThrow('a access token, not refresh');
  });

  it('refuses a token signed with another key or algorithm, or with no signature', async () => {
    const forged = await new JwtService({ secret: 'another-key' }).signAsync({
      token_type: 'access',
      user_id: alice.id,
      role: 'admin',
    });
    const hs512 = await new JwtService({ secret: SECRET }).signAsync(
      { token_type: 'access', user_id: alice.id, role: 'admin' },
      { algorithm: 'HS512' },
    );
    const [header, payload] = forged.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;

    await expect(tokens.verify(forged, 'access')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verify(hs512, 'access')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verify(unsigned, 'access')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verify(`${header}.${payload}`, 'access')).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuses a well-signed token without a user or with an unknown role', async () => {
    const jwt = new JwtService({ secret: SECRET });
    const noUser = await jwt.signAsync({ token_type: 'access', role: 'admin' });
    const root = await jwt.signAsync({ token_type: 'access', user_id: alice.id, role: 'root' });

    await expect(tokens.verify(noUser, 'access')).rejects.toThrow('no user_id or role claim');
    await expect(tokens.verify(root, 'access')).rejects.toThrow('no user_id or role claim');
  });
});
