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

  /*
   * A worker process that dies mid-job (SIGKILL, out of memory, a lost machine) loses no job:
   * the job stays in Redis, in the queue's active list, with a lock that its dead worker no
   * longer renews. Once the lock has expired, the next stalled-job check of any live worker
   * of the queue puts the job back in the wait list and it runs again, from the start (so
   * handlers must be idempotent, e.g. with a record per job id). A crashed job therefore
   * runs again after about `lockDurationMs` + `stalledIntervalMs`: a minute with BullMQ's
   * defaults. To recover faster, lower both in every process of the queue (the lock's length
   * is set by the worker that took the job; the check runs in the survivors). The price:
   * a handler that blocks its event loop (synchronous work) for longer than `lockDurationMs`
   * cannot renew its lock either, so its job is handed to another worker while it still
   * runs. Keep `lockDurationMs` well above the longest such block; the checks themselves
   * are one small Lua script per queue per `stalledIntervalMs`, shared by all workers.
   */

  /**
   * How long a worker's hold on a running job lasts (default 30,000 ms, BullMQ
   * `lockDuration`); a live worker renews it every half of that while the handler runs.
   */
  readonly lockDurationMs?: number;
  /**
   * How often the queue's workers look for stalled jobs (default 30,000 ms, BullMQ
   * `stalledInterval`): jobs found in the active list on one check and without a lock on the
   * next go back to the wait list.
   */
  readonly stalledIntervalMs?: number;
  /**
   * How many times a job may be found stalled and put back (default 1, BullMQ
   * `maxStalledCount`); a job that stalls more often (a job that kills its worker every time)
   * ends in the failed list with "job stalled more than allowable limit". `0`: never put back.
   */
  readonly maxStalledCount?: number;
}

export const BULLMQ_DEFAULTS = {
  prefix: 'bull',
  retainCompleted: 1000,
  retainFailed: 10_000,
  // BullMQ's own defaults, stated here so the documentation above has one source.
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 1,
} as const;
