import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SeverityPipelineConfig } from '../../severity-pipeline.config';
import { USER_ROLES } from '../users/user.rules';
import type { TokenClaims, TokenSubject, TokenType } from './token.claims';
import { lifetimeSeconds } from './token-lifetime';

/** What `POST /api/token/` answers (SimpleJWT's `TokenObtainPairView`). */
export interface TokenPair {
  readonly access: string;
  readonly refresh: string;
}

/** A token that is malformed, badly signed, expired, or of the other type. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * Issues and checks the API's tokens: HS256 JWTs signed with `SECRET_KEY`, an access token
 * living `ACCESS_TOKEN_LIFETIME` and a refresh token living `REFRESH_TOKEN_LIFETIME`, each
 * saying which it is in `token_type` so that one can never stand in for the other.
 */
@Injectable()
export class TokenService {
  private readonly lifetimes: Record<TokenType, number>;

  constructor(
    private readonly jwt: JwtService,
    config: SeverityPipelineConfig,
  ) {
    this.lifetimes = {
      access: lifetimeSeconds(config.ACCESS_TOKEN_LIFETIME),
      refresh: lifetimeSeconds(config.REFRESH_TOKEN_LIFETIME),
    };
  }

  async issuePair(subject: TokenSubject, now = new Date()): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([
      this.issue('access', subject, now),
      this.issue('refresh', subject, now),
    ]);
    return { access, refresh };
  }

  /** One token for `subject`, issued at `now` (a past `now` gives an expired token). */
  issue(type: TokenType, subject: TokenSubject, now = new Date()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: TokenClaims = {
      token_type: type,
      exp: iat + this.lifetimes[type],
      iat,
      jti: randomUUID().replaceAll('-', ''),
      user_id: subject.id,
      role: subject.role,
    };
    return this.jwt.signAsync(claims);
  }

  /** The claims of a valid, unexpired token of `type`; otherwise an `InvalidTokenError`. */
  async verify(token: string, type: TokenType, now = new Date()): Promise<TokenClaims> {
    const claims = await this.jwt
      .verifyAsync<Partial<TokenClaims>>(token, {
        clockTimestamp: Math.floor(now.getTime() / 1000),
      })
      .catch((error: unknown) => {
        throw new InvalidTokenError((error as Error).message);
      });
    if (claims.token_type !== type) {
      throw new InvalidTokenError(`a ${String(claims.token_type)} token, not ${type}`);
    }
    if (typeof claims.user_id !== 'string' || !USER_ROLES.includes(claims.role as never)) {
      throw new InvalidTokenError('no user_id or role claim');
    }
    return claims as TokenClaims;
  }
}
