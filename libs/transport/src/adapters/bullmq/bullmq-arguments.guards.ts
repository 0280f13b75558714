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

/**
 * The stalled-job settings, which BullMQ would otherwise take as they come: a lock of 1.5 ms
 * is refused by Redis only when the first job is taken, and a negative stalled count fails
 * only when the worker starts.
 */
export function assertStalledJobSettings(settings: {
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
}): void {
  assertPositiveInteger('lockDurationMs', settings.lockDurationMs);
  assertPositiveInteger('stalledIntervalMs', settings.stalledIntervalMs);
  const { maxStalledCount } = settings;
  if (!Number.isInteger(maxStalledCount) || maxStalledCount < 0) {
    throw new RangeError(`maxStalledCount must be an integer >= 0, got ${maxStalledCount}`);
  }
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
