import { assertNonNegativeNumber, assertPositiveInteger } from '../internal/argument.guards';
import { abortableDelay } from './abortable.delay';
import type { EventHandlerMiddleware } from './compose.middleware';
import { RetryExhaustedError } from './retry-exhausted.error';

export interface RetryOptions {
  /** Total handler calls including the first, so 1 means "no retry" (default 3). */
  readonly maxAttempts?: number;
  /** Wait after the first failure (default 100 ms). */
  readonly initialDelayMs?: number;
  /** Each further wait is the previous one times this (default 2). */
  readonly multiplier?: number;
  /** Upper bound of one wait (default 5 s). */
  readonly maxDelayMs?: number;
  /**
   * Whether an error is worth another attempt (default: every error). Return false for errors
   * that will fail the same way again, e.g. validation errors, so they dead-letter at once.
   */
  readonly shouldRetry?: (error: unknown) => boolean;
}

/**
 * Retries a failing handler in-process with exponential backoff. Retrying here instead of
 * letting the broker redeliver keeps the partition held, so later events of the same key wait
 * (per-key order holds), and costs no round trip. After the last attempt it throws a
 * `RetryExhaustedError` (carrying the attempt count and the last error), so outer middleware
 * sees the failure. If the subscription closes during a wait, it stops and rethrows at once:
 * the event stays unacknowledged and is redelivered to the member that takes over.
 */
export function retry(options: RetryOptions = {}): EventHandlerMiddleware {
  const settings = retrySettings(options);
  return (next) => async (event, context) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(event, context);
      } catch (error) {
        const last = attempt >= settings.maxAttempts || !settings.shouldRetry(error);
        if (last || !(await abortableDelay(settings.delayMs(attempt), context.signal))) {
          throw new RetryExhaustedError(error, attempt);
        }
        context.onRetry?.();
      }
    }
  };
}

interface RetrySettings {
  readonly maxAttempts: number;
  readonly shouldRetry: (error: unknown) => boolean;
  /** Wait after failed attempt number `attempt`. */
  readonly delayMs: (attempt: number) => number;
}

function retrySettings(options: RetryOptions): RetrySettings {
  const maxAttempts = options.maxAttempts ?? 3;
  const initial = options.initialDelayMs ?? 100;
  const multiplier = options.multiplier ?? 2;
  const max = options.maxDelayMs ?? 5000;
  assertPositiveInteger('retry maxAttempts', maxAttempts);
  assertNonNegativeNumber('retry initialDelayMs', initial);
  assertNonNegativeNumber('retry maxDelayMs', max);
  if (!(multiplier >= 1)) {
    throw new RangeError(`retry multiplier must be >= 1, got ${multiplier}`);
  }
  return {
    maxAttempts,
    shouldRetry: options.shouldRetry ?? (() => true),
    delayMs: (attempt) => Math.min(initial * multiplier ** (attempt - 1), max),
  };
}
