import type { UserRole } from '../users/user.rules';

export type TokenType = 'access' | 'refresh';

/**
 * A token's payload: SimpleJWT's claims, so clients that read them keep working (`user_id`
 * is the user's UUID here), plus the user's role, which lets the API check access tokens
 * without reading the database on every request.
 */
export interface TokenClaims {
  readonly token_type: TokenType;
  /** Expiry, in seconds since the epoch. */
  readonly exp: number;
  readonly iat: number;
  /** A unique id (32 hex digits, like SimpleJWT's), so that a token can be told apart. */
  readonly jti: string;
  readonly user_id: string;
  readonly role: UserRole;
}

/** Who a token was issued to. */
export interface TokenSubject {
  readonly id: string;
  readonly role: UserRole;
}
