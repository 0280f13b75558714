import { NotFoundError } from '@app/platform';
import { Logger } from '@nestjs/common';
import { type ConnectionOptions, ErrorCode, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage } from '../../internal/error-message';
import {
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertPositiveInteger,
} from '../../internal/argument.guards';
import type { BrokerProbe } from '../../ports/broker-probe.port';
import type {
  FailedJob,
  JobCounts,
  JobHandlerFn,
  JobOptions,
  JobQueue,
  JobQueueFeatures,
  JobWorker,
  JobWorkerOptions,
} from '../../ports/job-queue.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import {
  assertJobOptions,
  assertQueueName,
  assertStalledJobSettings,
} from './bullmq-arguments.guards';
import { idOf, type StoredBullJob, toFailedJob, toJob } from './bullmq-job.mapper';
import { BULLMQ_DEFAULTS, type BullMqJobQueueOptions } from './bullmq-job-queue.options';

/** Jobs live in Redis: they survive restarts and every process's workers share a queue. */
export const BULLMQ_JOB_QUEUE_FEATURES: JobQueueFeatures = {
  persistent: true,
  sharedAcrossProcesses: true,
};

type BullQueue = Queue<unknown, unknown, string>;
type BullWorker = Worker<unknown, unknown, string>;

/**
 * The job-queue port on BullMQ, field for field: `add` is `Queue.add` (attempts, backoff,
 * jobId, retention), `process` a `Worker` with its concurrency, `getFailed` the queue's failed
 * set, oldest first, `counts` `getJobCounts`, `retryFailed` `Job.retry('failed')`. One `Queue`
 * per queue name, created on first use.
 */
export class BullMqJobQueue implements JobQueue {
  readonly features = BULLMQ_JOB_QUEUE_FEATURES;
  /** A PING on a connection of its own (or the injected one), opened on the first check. */
  readonly broker: BrokerProbe = {
    name: 'redis',
    ping: async () => {
      await this.probeConnection().ping();
    },
  };
  private probeClient: Redis | undefined;
  private readonly queues = new Map<string, BullQueue>();
  private readonly workers = new Set<BullWorker>();
  private readonly prefix: string;
  private readonly retainCompleted: number;
  private readonly retainFailed: number;
  private readonly logger: TransportLogger;
  /** Every worker's stalled-job settings (see the options for what they trade). */
  private readonly stalledJobs: {
    readonly lockDuration: number;
    readonly stalledInterval: number;
    readonly maxStalledCount: number;
  };
  private readonly queueConnection: ConnectionOptions;
  private readonly workerConnection: ConnectionOptions;
  private readonly connection: string | Redis;
  private closing: Promise<void> | undefined;

  constructor(options: BullMqJobQueueOptions) {
    this.prefix = options.prefix ?? BULLMQ_DEFAULTS.prefix;
    this.retainCompleted = options.retainCompleted ?? BULLMQ_DEFAULTS.retainCompleted;
    this.retainFailed = options.retainFailed ?? BULLMQ_DEFAULTS.retainFailed;
    this.logger = options.logger ?? new Logger(BullMqJobQueue.name);
    assertNonEmptyString('prefix', this.prefix);
    assertNonNegativeNumber('retainCompleted', this.retainCompleted);
    assertNonNegativeNumber('retainFailed', this.retainFailed);
    const stalled = {
      lockDurationMs: options.lockDurationMs ?? BULLMQ_DEFAULTS.lockDurationMs,
      stalledIntervalMs: options.stalledIntervalMs ?? BULLMQ_DEFAULTS.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount ?? BULLMQ_DEFAULTS.maxStalledCount,
    };
    assertStalledJobSettings(stalled);
    this.stalledJobs = {
      lockDuration: stalled.lockDurationMs,
      stalledInterval: stalled.stalledIntervalMs,
      maxStalledCount: stalled.maxStalledCount,
    };
    const { connection } = options;
    this.connection = connection;
    if (typeof connection === 'string') {
      this.queueConnection = { url: connection };
      this.workerConnection = { url: connection, maxRetriesPerRequest: null };
    } else {
      if (connection.options.keyPrefix) {
        throw new TypeError(
          "BullMqJobQueue: the injected ioredis instance has a keyPrefix; use the adapter's " +
            'prefix option instead',
        );
      }
      // Queues share the caller's client (BullMQ leaves it open). A worker's commands wait
      // through reconnections instead of failing, so its connections are BullMQ's own.
      this.queueConnection = connection;
      this.workerConnection = workerConnectionLike(connection);
    }
  }

  async add<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<string> {
    this.assertOpen();
    assertQueueName(queue);
    assertNonEmptyString('job name', name);
    assertJobOptions(options);
    const job = await this.queue(queue).add(name, data, {
      attempts: options.attempts ?? 1,
      backoff: options.backoff && { type: options.backoff.type, delay: options.backoff.delayMs },
      // BullMQ ignores an add whose jobId it still holds and returns that job's id.
      jobId: options.jobId,
      removeOnComplete: { count: this.retainCompleted },
      removeOnFail: { count: this.retainFailed },
    });
    return idOf(job);
  }

  async process<T = unknown>(
    queue: string,
    handler: JobHandlerFn<T>,
    options: JobWorkerOptions = {},
  ): Promise<JobWorker> {
    this.assertOpen();
    assertQueueName(queue);
    const concurrency = options.concurrency ?? 1;
    assertPositiveInteger('concurrency', concurrency);
    // The data's type is the caller's claim about this queue, as with any broker.
    const run = handler as JobHandlerFn;
    const worker: BullWorker = new Worker<unknown, unknown, string>(
      queue,
      (job: StoredBullJob) => run(toJob(job, queue)),
      { connection: this.workerConnection, prefix: this.prefix, concurrency, ...this.stalledJobs },
    );
    this.report(worker, queue);
    this.workers.add(worker);
    try {
      await worker.waitUntilReady();
    } catch (error) {
      await this.closeWorker(worker);
      throw error;
    }
    let closing: Promise<void> | undefined;
    return {
      close: () => {
        closing ??= this.closeWorker(worker);
        return closing;
      },
    };
  }

  async getFailed(queue: string): Promise<FailedJob[]> {
    assertQueueName(queue);
    const jobs = await this.queue(queue).getJobs(['failed'], 0, -1, true);
    return jobs.map((job) => toFailedJob(job, queue));
  }

  async counts(queue: string): Promise<JobCounts> {
    assertQueueName(queue);
    const counts = await this.queue(queue).getJobCounts(
      'waiting',
      'active',
      'delayed',
      'completed',
      'failed',
    );
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async retryFailed(queue: string, jobId: string): Promise<void> {
    this.assertOpen();
    assertQueueName(queue);
    assertNonEmptyString('jobId', jobId);
    const notFound = () => new NotFoundError('failed job', `${queue}/${jobId}`);
    const job = await this.queue(queue).getJob(jobId);
    if (!job) throw notFound();
    try {
      // Both counters reset: a fresh set of attempts, as the port promises. BullMQ's default
      // keeps attemptsMade, so the job would get one attempt (numbered maxAttempts + 1).
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      if (isNotAFailedJob(error)) throw notFound();
      throw error;
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Workers first: `Worker.close()` waits for the running jobs, which may still add jobs.
    await Promise.all([...this.workers].map((worker) => this.closeWorker(worker)));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    this.probeClient?.disconnect();
  }

  private probeConnection(): Redis {
    this.assertOpen();
    if (typeof this.connection !== 'string') return this.connection;
    // One reconnection attempt per command: a check must fail, not queue, while Redis is down.
    if (!this.probeClient) {
      this.probeClient = new Redis(this.connection, { lazyConnect: true, maxRetriesPerRequest: 1 });
      // Its failures are the check's answer, not something to log on every reconnection.
      this.probeClient.on('error', () => undefined);
    }
    return this.probeClient;
  }

  private async closeWorker(worker: BullWorker): Promise<void> {
    try {
      await worker.close();
    } finally {
      this.workers.delete(worker);
    }
  }

  private queue(name: string): BullQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<unknown, unknown, string>(name, {
        connection: this.queueConnection,
        prefix: this.prefix,
      });
      queue.on('error', (error: Error) =>
        this.logger.warn(`BullMQ queue "${name}": ${errorMessage(error)}`),
      );
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** BullMQ reports through events; an unheard 'error' event would crash the process. */
  private report(worker: BullWorker, queue: string): void {
    worker.on('error', (error: Error) =>
      this.logger.warn(`BullMQ worker of queue "${queue}": ${errorMessage(error)}`),
    );
    // The worker that found it is not the one that lost it: that one died or froze.
    worker.on('stalled', (jobId: string) =>
      this.logger.warn(
        `BullMQ job ${jobId} on queue "${queue}" stalled (its worker stopped renewing the ` +
          'lock: crashed, or blocked longer than lockDurationMs); back in the queue',
      ),
    );
    worker.on('failed', (job: StoredBullJob | undefined, error: Error) => {
      if (!job) return;
      const attempts = job.opts.attempts ?? 1;
      const where = `job ${job.id ?? '?'} (${job.name}) on queue "${queue}"`;
      if (job.attemptsMade >= attempts) {
        this.logger.error(
          `${where} failed after ${job.attemptsMade} attempts: ${errorMessage(error)}`,
        );
      } else {
        this.logger.warn(
          `${where} failed attempt ${job.attemptsMade} of ${attempts}; retrying: ` +
            errorMessage(error),
        );
      }
    });
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('BullMqJobQueue is closed');
  }
}

/**
 * BullMQ's answer when the job is gone (removed since `getJob`) or not in the failed set
 * (waiting, running, completed): the retry script moved nothing.
 */
function isNotAFailedJob(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === ErrorCode.JobNotExist || code === ErrorCode.JobNotInState;
}

/**
 * Options for a worker's own connections, copied from the caller's client. A `null`
 * retryStrategy ("never reconnect") is left out: a worker must outlive a Redis restart.
 */
function workerConnectionLike(client: Redis): ConnectionOptions {
  const { retryStrategy, ...options } = client.options;
  return { ...options, ...(retryStrategy ? { retryStrategy } : {}), maxRetriesPerRequest: null };
}
