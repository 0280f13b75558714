import {
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertPositiveInteger,
} from '../../internal/argument.guards';
import type { JobOptions } from '../../ports/job-queue.port';

/**
 * Checks what BullMQ would otherwise reject deep inside `add` (or, worse, accept and
 * misfile): a sentence naming the argument, as the in-memory queue gives.
 */
export function assertQueueName(queue: string): void {
  assertNonEmptyString('queue', queue);
  // BullMQ builds keys as `<prefix>:<queue>:<suffix>`.
  if (queue.includes(':')) throw new TypeError(`queue must not contain ":", got "${queue}"`);
}

export function assertJobOptions(options: JobOptions): void {
  if (options.attempts !== undefined) assertPositiveInteger('attempts', options.attempts);
  if (options.jobId !== undefined) assertJobId(options.jobId);
  if (options.backoff === undefined) return;
  if (options.backoff.type !== 'fixed' && options.backoff.type !== 'exponential') {
    throw new TypeError(
      `backoff.type must be 'fixed' or 'exponential', got ${String(options.backoff.type)}`,
    );
  }
  assertNonNegativeNumber('backoff.delayMs', options.backoff.delayMs);
}

/** BullMQ numbers its own jobs 1, 2, 3... and uses ":" in keys, so a custom id may be neither. */
function assertJobId(jobId: string): void {
  assertNonEmptyString('jobId', jobId);
  if (String(Number.parseInt(jobId, 10)) === jobId || jobId.includes(':')) {
    throw new TypeError(
      `jobId must not be an integer or contain ":" (BullMQ reserves both), got "${jobId}"`,
    );
  }
}
