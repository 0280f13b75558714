import type { JobBackoff } from '../../ports/job-queue.port';

/**
 * Wait before the next attempt once `attemptsMade` attempts have failed, with BullMQ's
 * formulas (`exponential`: `2^(attemptsMade - 1) * delayMs`) so both adapters pace alike.
 */
export function backoffDelayMs(backoff: JobBackoff | undefined, attemptsMade: number): number {
  if (!backoff) return 0;
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
}
