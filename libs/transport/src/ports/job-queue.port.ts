import type { BrokerProbe } from './broker-probe.port';

/**
 * Background jobs (the BullMQ model): named queues, several workers, retries with backoff and
 * a failed-job list kept for operators. Shaped so a BullMQ adapter maps each field 1:1.
 */

/** Backoff between attempts; `exponential` waits `delayMs * 2^(attemptsMade - 1)` like BullMQ. */
export interface JobBackoff {
  readonly type: 'fixed' | 'exponential';
  readonly delayMs: number;
}

export interface JobOptions {
  /** Total attempts including the first (BullMQ `attempts`); default 1. */
  readonly attempts?: number;
  readonly backoff?: JobBackoff;
  /**
   * Deduplication key (BullMQ `jobId`): adding a job whose id the queue still holds (waiting,
   * running, delayed for a retry, or a retained completed/failed job) is ignored.
   */
  readonly jobId?: string;
}

export interface Job<T = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  /** The data as it came back from the queue's storage: a JSON round trip of what was added. */
  readonly data: T;
  /** 1 on the first run, +1 on every retry (BullMQ `attemptsMade + 1`). */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Epoch milliseconds when the job was added. */
  readonly timestamp: number;
}

/** Resolving completes the job; throwing fails this attempt (retried while attempts remain). */
export type JobHandlerFn<T = unknown> = (job: Job<T>) => Promise<unknown>;

export interface JobWorkerOptions {
  /** Jobs this worker runs at once (BullMQ `concurrency`); default 1. */
  readonly concurrency?: number;
}

export interface JobWorker {
  /** Stops taking jobs and waits for the running ones to finish. Idempotent. */
  close(): Promise<void>;
}

/** A job that used up its attempts; kept so an operator can see why and retry it by hand. */
export interface FailedJob<T = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly data: T;
  readonly attemptsMade: number;
  /** The last error's message (BullMQ `failedReason`). */
  readonly failedReason: string;
  readonly stacktrace?: string;
  readonly failedAt: Date;
}

/**
 * How many jobs of a queue are in each state (BullMQ `getJobCounts`), for an operator's view
 * of the queue. `completed` and `failed` count the jobs still retained, not every job ever.
 */
export interface JobCounts {
  /** Added (or retried by hand) and not yet taken by a worker. */
  readonly waiting: number;
  /** Running in a worker now. */
  readonly active: number;
  /** Failed an attempt, with attempts left: waiting out the backoff before the next one. */
  readonly delayed: number;
  readonly completed: number;
  /** Used up their attempts; what `getFailed` lists. */
  readonly failed: number;
}

/** What an adapter guarantees; `runJobQueueContract` skips the cases a flag rules out. */
export interface JobQueueFeatures {
  /** Jobs survive a restart of the adapter. */
  readonly persistent: boolean;
  /** Workers in separately created instances (other processes) share one queue. */
  readonly sharedAcrossProcesses: boolean;
}

export interface JobQueue {
  readonly features: JobQueueFeatures;
  /** The broker to ask whether it answers; absent in memory. */
  readonly broker?: BrokerProbe;
  /** Resolves with the job id (the existing one when `jobId` deduplicated the job). */
  add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<string>;
  process<T = unknown>(
    queue: string,
    handler: JobHandlerFn<T>,
    options?: JobWorkerOptions,
  ): Promise<JobWorker>;
  /** Failed jobs still retained, oldest first. */
  getFailed(queue: string): Promise<FailedJob[]>;
  /** Jobs per state; all zeros for a queue that holds no job. */
  counts(queue: string): Promise<JobCounts>;
  /**
   * Puts a retained failed job back at the end of the waiting jobs, with a fresh set of
   * attempts: it leaves the failed list and runs again with `attempt` 1, retried with its
   * backoff up to `maxAttempts` as when it was added (BullMQ `job.retry('failed')` with
   * `resetAttemptsMade`; without it BullMQ would give the job one more attempt, not a set).
   * Rejects with `NotFoundError` (@app/platform) when `jobId` is not a failed job the queue
   * still retains: unknown, evicted, completed, or already back in the queue.
   */
  retryFailed(queue: string, jobId: string): Promise<void>;
  /** Closes every worker gracefully, then the connection. Idempotent. */
  close(): Promise<void>;
}
