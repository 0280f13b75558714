import { NotFoundError } from '@app/platform';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertPositiveInteger,
} from '../../internal/argument.guards';
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
import type { InMemoryJobQueueOptions } from './in-memory-job-queue.options';
import { JobQueueState, type JobQueueSettings } from './job-queue.state';
import { WorkSlots } from './work.slots';

/** One process, no persistence. */
export const IN_MEMORY_JOB_QUEUE_FEATURES: JobQueueFeatures = {
  persistent: false,
  sharedAcrossProcesses: false,
};

const NO_JOBS: JobCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };

/**
 * The embedded default job queue, with BullMQ's semantics: FIFO per queue, attempts with
 * fixed/exponential backoff, failed jobs kept with their error (and retried by hand with a
 * fresh set of attempts), `jobId` deduplication and a concurrency limit per worker. Data
 * goes through JSON, as it would through Redis.
 */
export class InMemoryJobQueue implements JobQueue {
  readonly features = IN_MEMORY_JOB_QUEUE_FEATURES;
  private readonly queues = new Map<string, JobQueueState>();
  private readonly workers = new Set<JobWorker>();
  private readonly settings: JobQueueSettings;
  private closing: Promise<void> | undefined;

  constructor(options: InMemoryJobQueueOptions = {}) {
    this.settings = {
      retainCompleted: options.retainCompleted ?? 1000,
      retainFailed: options.retainFailed ?? 10_000,
      logger: options.logger ?? new Logger(InMemoryJobQueue.name),
    };
    assertNonNegativeNumber('retainCompleted', this.settings.retainCompleted);
    assertNonNegativeNumber('retainFailed', this.settings.retainFailed);
  }

  async add<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<string> {
    this.assertOpen();
    assertNonEmptyString('queue', queue);
    assertNonEmptyString('job name', name);
    assertJobOptions(options);
    const state = this.queue(queue);
    if (options.jobId !== undefined && state.has(options.jobId)) {
      return options.jobId;
    }
    const id = options.jobId ?? randomUUID();
    state.enqueue({
      id,
      queue,
      name,
      wire: JSON.stringify(data) ?? 'null',
      attempts: options.attempts ?? 1,
      backoff: options.backoff,
      timestamp: Date.now(),
      attemptsMade: 0,
    });
    return id;
  }

  async process<T = unknown>(
    queue: string,
    handler: JobHandlerFn<T>,
    options: JobWorkerOptions = {},
  ): Promise<JobWorker> {
    this.assertOpen();
    assertNonEmptyString('queue', queue);
    const concurrency = options.concurrency ?? 1;
    assertPositiveInteger('concurrency', concurrency);
    const state = this.queue(queue);
    // The data's type is the caller's claim about this queue, as with any broker.
    const worker = {
      handler: handler as JobHandlerFn,
      slots: new WorkSlots(concurrency),
    };
    state.addWorker(worker);
    return this.track(() => state.removeWorker(worker));
  }

  async getFailed(queue: string): Promise<FailedJob[]> {
    return this.queues.get(queue)?.failedJobs() ?? [];
  }

  async counts(queue: string): Promise<JobCounts> {
    return this.queues.get(queue)?.counts() ?? { ...NO_JOBS };
  }

  async retryFailed(queue: string, jobId: string): Promise<void> {
    this.assertOpen();
    assertNonEmptyString('queue', queue);
    assertNonEmptyString('jobId', jobId);
    if (!this.queues.get(queue)?.retryFailed(jobId)) {
      throw new NotFoundError('failed job', `${queue}/${jobId}`);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.close()));
    for (const queue of this.queues.values()) queue.dispose();
  }

  private track(stop: () => Promise<void>): JobWorker {
    let closing: Promise<void> | undefined;
    const worker: JobWorker = {
      close: () => {
        closing ??= stop().finally(() => this.workers.delete(worker));
        return closing;
      },
    };
    this.workers.add(worker);
    return worker;
  }

  private queue(name: string): JobQueueState {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new JobQueueState(name, this.settings);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('InMemoryJobQueue is closed');
  }
}

function assertJobOptions(options: JobOptions): void {
  if (options.attempts !== undefined) {
    assertPositiveInteger('attempts', options.attempts);
  }
  if (options.jobId !== undefined) assertNonEmptyString('jobId', options.jobId);
  if (options.backoff === undefined) return;
  if (options.backoff.type !== 'fixed' && options.backoff.type !== 'exponential') {
    throw new TypeError(
      `backoff.type must be 'fixed' or 'exponential', got ${String(options.backoff.type)}`,
    );
  }
  assertNonNegativeNumber('backoff.delayMs', options.backoff.delayMs);
}
