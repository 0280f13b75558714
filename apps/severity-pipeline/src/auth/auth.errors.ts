/**
 * The bodies the seed's API (Django REST framework + SimpleJWT) answers when a request is not
 * authenticated or not allowed, word for word, so that clients written against it read ours.
 */
export interface AuthErrorBody {
  readonly detail: string;
  readonly code?: string;
  readonly messages?: readonly object[];
}

export const AUTH_ERRORS = {
  /** No `Authorization: Bearer ...` header (DRF's `NotAuthenticated`). */
  notProvided: { detail: 'Authentication credentials were not provided.' },
  /** `Authorization: Bearer` with no token, or with more than one word after it. */
  badHeader: {
    detail: 'Authorization header must contain two space-delimited values',
    code: 'bad_authorization_header',
  },
  /** An access token that is malformed, badly signed, expired, or a refresh token. */
  invalidAccessToken: {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: [
      { token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' },
    ],
  },
  /** `POST /api/token/refresh/` with a refresh token that is not valid. */
  invalidRefreshToken: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
  /** `POST /api/token/` with a wrong username or password. */
  wrongCredentials: { detail: 'No active account found with the given credentials' },
  /** A valid refresh token whose user is gone. */
  noAccountForToken: {
    detail: 'No active account found for the given token.',
    code: 'no_active_account',
  },
  /** A valid access token whose user is gone (`GET /api/me`). */
  userNotFound: { detail: 'User not found', code: 'user_not_found' },
} as const satisfies Record<string, AuthErrorBody>;

/** The caller is not (or no longer) authenticated: HTTP 401, GraphQL `UNAUTHENTICATED`. */
export class AuthenticationFailedError extends Error {
  override readonly name = 'AuthenticationFailedError';

  constructor(readonly body: AuthErrorBody) {
    super(body.detail);
  }
}

/** The caller is authenticated but lacks the role: HTTP 403, GraphQL `FORBIDDEN`. */
export class PermissionDeniedError extends Error {
  override readonly name = 'PermissionDeniedError';
  readonly body: AuthErrorBody = {
    detail: 'You do not have permission to perform this action.',
  };

  constructor() {
    super('You do not have permission to perform this action.');
  }
}
