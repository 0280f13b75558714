/**
 * Why a command or query was refused, naming the field: `invalid` (bad input: HTTP 400,
 * GraphQL BAD_USER_INPUT), `not-found` (an unknown customer or product: 404, NOT_FOUND) or
 * `conflict` (out of stock, an e-mail already registered: 409, CONFLICT). Every entry point
 * (REST, GraphQL, the CLI through REST) reports it the same way.
 */
export type ShopErrorKind = 'invalid' | 'not-found' | 'conflict';

export class ShopCommandError extends Error {
  constructor(
    readonly kind: ShopErrorKind,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ShopCommandError';
  }
}
