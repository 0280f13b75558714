import { errorMessage } from '../internal/error-message';

/**
 * Thrown by the `retry` middleware when it gives up, so that outer middleware (dead-letter)
 * learns how many attempts were made; the handler's own last error is `cause`.
 */
export class RetryExhaustedError extends Error {
  override readonly name = 'RetryExhaustedError';

  constructor(
    override readonly cause: unknown,
    readonly attempts: number,
  ) {
    super(`failed after ${attempts} attempt(s): ${errorMessage(cause)}`, {
      cause,
    });
  }
}
