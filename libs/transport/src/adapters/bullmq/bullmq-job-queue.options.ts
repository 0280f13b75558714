import type { Redis } from 'ioredis';
import type { TransportLogger } from '../../ports/transport-logger.port';

export interface BullMqJobQueueOptions {
  /**
   * `redis://` URL (BullMQ opens and closes its own connections), or an ioredis instance the
   * caller owns and closes: queues share it; workers get connections of their own built from
   * its options, since a worker blocks while it waits for jobs and BullMQ needs
   * `maxRetriesPerRequest: null` on them.
   */
  readonly connection: string | Redis;
  /** BullMQ's key prefix (default `bull`): keys are `<prefix>:<queue>:...`. */
  readonly prefix?: string;
  /**
   * Completed jobs kept per queue (default 1000, BullMQ `removeOnComplete: { count }`), so
   * re-adding a finished `jobId` is still ignored for a while.
   */
  readonly retainCompleted?: number;
  /** Failed jobs kept per queue for `getFailed` (default 10,000, `removeOnFail: { count }`). */
  readonly retainFailed?: number;
  /** Where job failures and connection errors are reported; default Nest's `Logger`. */
  readonly logger?: TransportLogger;
}

export const BULLMQ_DEFAULTS = {
  prefix: 'bull',
  retainCompleted: 1000,
  retainFailed: 10_000,
} as const;
