import type { JobQueue, JobQueueFeatures } from '../ports/job-queue.port';

export interface JobQueueContractOptions {
  /** Longest wait for one expected outcome (default 5 s); raise it for real Redis. */
  readonly timeoutMs?: number;
  /** Stops the queue's server and starts it again; given, the restart case runs. */
  readonly restartBroker?: () => Promise<void>;
}

/** What every job-queue case gets: a way to open queues (closed after the case), settings. */
export interface JobQueueContractContext {
  readonly features: JobQueueFeatures;
  readonly timeoutMs: number;
  readonly caseTimeoutMs: number;
  readonly restartBroker?: () => Promise<void>;
  open(): Promise<JobQueue>;
}

/** Builds the context; call inside a `describe` (it registers an `afterEach`). */
export function jobQueueContractContext(
  factory: () => Promise<JobQueue>,
  features: JobQueueFeatures,
  options: JobQueueContractOptions,
): JobQueueContractContext {
  const opened: JobQueue[] = [];
  const timeoutMs = options.timeoutMs ?? 5000;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
  }, timeoutMs * 4);
  return {
    features,
    timeoutMs,
    caseTimeoutMs: timeoutMs * 4,
    restartBroker: options.restartBroker,
    open: async () => {
      const queue = await factory();
      opened.push(queue);
      return queue;
    },
  };
}
