import { errorMessage } from '../../internal/error-message';
import type { FailedJob, Job, JobCounts, JobHandlerFn } from '../../ports/job-queue.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { FifoQueue } from './fifo.queue';
import { backoffDelayMs } from './job.backoff';
import type { StoredJob } from './stored.job';
import type { WorkSlots } from './work.slots';

export interface QueueWorker {
  readonly handler: JobHandlerFn;
  readonly slots: WorkSlots;
}

export interface JobQueueSettings {
  /** Completed job ids kept for `jobId` deduplication. */
  readonly retainCompleted: number;
  /** Failed jobs kept for `getFailed`, `retryFailed` (and deduplication). */
  readonly retainFailed: number;
  readonly logger: TransportLogger;
}

/** A failed job as retained: what `getFailed` shows, and the job `retryFailed` runs again. */
interface RetainedFailure {
  readonly job: StoredJob;
  readonly failure: FailedJob;
}

/**
 * One named queue: waiting jobs in FIFO order, jobs delayed for a retry, its workers, and the
 * completed/failed jobs it still remembers. A job id is known (and deduplicated) for as long
 * as the job is waiting, running, delayed or retained.
 */
export class JobQueueState {
  private readonly waiting = new FifoQueue<StoredJob>();
  private readonly live = new Set<string>();
  private readonly completed = new Set<string>();
  private readonly failed = new Map<string, RetainedFailure>();
  /** Jobs a worker is running now, across all workers. */
  private active = 0;
  /** Jobs waiting out a retry's backoff (their timers are in `timers`). */
  private delayed = 0;
  private readonly workers: QueueWorker[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private pumpScheduled = false;
  private disposed = false;

  constructor(
    readonly name: string,
    private readonly settings: JobQueueSettings,
  ) {}

  has(id: string): boolean {
    return this.live.has(id) || this.completed.has(id) || this.failed.has(id);
  }

  enqueue(job: StoredJob): void {
    this.live.add(job.id);
    this.waiting.push(job);
    this.schedulePump();
  }

  addWorker(worker: QueueWorker): void {
    this.workers.push(worker);
    this.schedulePump();
  }

  /** Takes no new job for `worker`, then waits for the ones it is running. */
  async removeWorker(worker: QueueWorker): Promise<void> {
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    await worker.slots.whenIdle();
  }

  failedJobs(): FailedJob[] {
    return [...this.failed.values()].map((retained) => retained.failure);
  }

  counts(): JobCounts {
    return {
      waiting: this.waiting.length,
      active: this.active,
      delayed: this.delayed,
      completed: this.completed.size,
      failed: this.failed.size,
    };
  }

  /**
   * Moves a retained failed job to the end of the waiting jobs with its attempts reset, as
   * BullMQ's `retry('failed', { resetAttemptsMade })`; false when no such failed job is kept.
   */
  retryFailed(id: string): boolean {
    const retained = this.failed.get(id);
    if (!retained) return false;
    this.failed.delete(id);
    retained.job.attemptsMade = 0;
    this.enqueue(retained.job);
    return true;
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.disposed) return;
    this.pumpScheduled = true;
    queueMicrotask(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    for (const worker of this.workers) {
      while (worker.slots.hasCapacity && this.waiting.length > 0) {
        const job = this.waiting.shift();
        if (job) this.start(worker, job);
      }
    }
  }

  private start(worker: QueueWorker, job: StoredJob): void {
    worker.slots.acquire();
    this.active += 1;
    void this.run(worker, job);
  }

  private async run(worker: QueueWorker, job: StoredJob): Promise<void> {
    const outcome = await invoke(worker.handler, job);
    job.attemptsMade += 1;
    this.active -= 1;
    if (outcome.ok) this.complete(job);
    else this.fail(job, outcome.error);
    worker.slots.release();
    this.schedulePump();
  }

  private complete(job: StoredJob): void {
    this.live.delete(job.id);
    remember(this.completed, job.id, this.settings.retainCompleted);
  }

  private fail(job: StoredJob, error: unknown): void {
    if (job.attemptsMade < job.attempts && !this.disposed) {
      this.retryLater(job, error);
      return;
    }
    this.live.delete(job.id);
    this.settings.logger.error(
      `job ${job.id} (${job.name}) on queue "${this.name}" failed after ` +
        `${job.attemptsMade} attempts: ${errorMessage(error)}`,
    );
    this.failed.set(job.id, { job, failure: toFailedJob(job, error) });
    evictOldest(this.failed, this.settings.retainFailed);
  }

  private retryLater(job: StoredJob, error: unknown): void {
    const delayMs = backoffDelayMs(job.backoff, job.attemptsMade);
    this.settings.logger.warn(
      `job ${job.id} (${job.name}) on queue "${this.name}" failed attempt ` +
        `${job.attemptsMade} of ${job.attempts}; retrying in ${delayMs} ms: ` +
        errorMessage(error),
    );
    this.delayed += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.delayed -= 1;
      this.waiting.push(job);
      this.schedulePump();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}

/** Runs the handler; never rejects, so no job error becomes an unhandled rejection. */
async function invoke(
  handler: JobHandlerFn,
  job: StoredJob,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await handler(toJob(job));
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

function toJob(job: StoredJob): Job {
  return {
    id: job.id,
    queue: job.queue,
    name: job.name,
    data: JSON.parse(job.wire) as unknown,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.attempts,
    timestamp: job.timestamp,
  };
}

function toFailedJob(job: StoredJob, error: unknown): FailedJob {
  return {
    id: job.id,
    queue: job.queue,
    name: job.name,
    data: JSON.parse(job.wire) as unknown,
    attemptsMade: job.attemptsMade,
    failedReason: errorMessage(error),
    stacktrace: error instanceof Error ? error.stack : undefined,
    failedAt: new Date(),
  };
}

function remember(ids: Set<string>, id: string, limit: number): void {
  ids.add(id);
  if (ids.size > limit) ids.delete(ids.values().next().value as string);
}

function evictOldest<V>(map: Map<string, V>, limit: number): void {
  if (map.size > limit) map.delete(map.keys().next().value as string);
}
