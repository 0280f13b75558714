import type { TransportLogger } from '../../ports/transport-logger.port';

export interface InMemoryJobQueueOptions {
  /**
   * Completed job ids remembered per queue (default 1000), so re-adding a finished `jobId`
   * is still ignored for a while, as with BullMQ's `removeOnComplete: { count }`.
   */
  readonly retainCompleted?: number;
  /** Failed jobs kept per queue for `getFailed` (default 10,000), oldest dropped first. */
  readonly retainFailed?: number;
  /** Where job failures are reported; default Nest's `Logger`. */
  readonly logger?: TransportLogger;
}
