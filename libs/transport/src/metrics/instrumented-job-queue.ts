import { withEventLogContext } from '@app/platform';
import type {
  FailedJob,
  JobCounts,
  JobHandlerFn,
  JobOptions,
  JobQueue,
  JobWorker,
  JobWorkerOptions,
} from '../ports/job-queue.port';
import type { TransportMetrics } from './transport.metrics';

/**
 * The job-queue port with metrics (see `TransportMetrics`): runs and their durations by
 * queue and outcome, and each queue's jobs by state, read at each scrape for every queue this
 * process adds to or works. Wraps whichever adapter the configuration chose (`JOB_QUEUE`).
 */
export class InstrumentedJobQueue implements JobQueue {
  constructor(
    readonly adapter: JobQueue,
    private readonly metrics: TransportMetrics,
  ) {}

  get features(): JobQueue['features'] {
    return this.adapter.features;
  }

  get broker(): JobQueue['broker'] {
    return this.adapter.broker;
  }

  add<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<string> {
    this.watch(queue);
    return this.adapter.add(queue, name, data, options);
  }

  process<T = unknown>(
    queue: string,
    handler: JobHandlerFn<T>,
    options?: JobWorkerOptions,
  ): Promise<JobWorker> {
    this.watch(queue);
    const { jobsProcessed, jobDuration } = this.metrics;
    const outcomes = {
      success: {
        runs: jobsProcessed.labels(queue, 'success'),
        took: jobDuration.labels(queue, 'success'),
      },
      failure: {
        runs: jobsProcessed.labels(queue, 'failure'),
        took: jobDuration.labels(queue, 'failure'),
      },
    };
    const run = async (job: Parameters<JobHandlerFn<T>>[0]): Promise<unknown> => {
      const started = performance.now();
      let outcome: keyof typeof outcomes = 'failure';
      try {
        const result = await handler(job);
        outcome = 'success';
        return result;
      } finally {
        outcomes[outcome].runs.inc();
        outcomes[outcome].took.observe((performance.now() - started) / 1000);
      }
    };
    // Every log line the job writes carries its queue and id.
    const observed: JobHandlerFn<T> = (job) =>
      withEventLogContext({ queue, jobId: job.id }, () => run(job));
    return this.adapter.process(queue, observed, options);
  }

  getFailed(queue: string): Promise<FailedJob[]> {
    return this.adapter.getFailed(queue);
  }

  counts(queue: string): Promise<JobCounts> {
    return this.adapter.counts(queue);
  }

  retryFailed(queue: string, jobId: string): Promise<void> {
    return this.adapter.retryFailed(queue, jobId);
  }

  close(): Promise<void> {
    return this.adapter.close();
  }

  private watch(queue: string): void {
    this.metrics.watchQueue(queue, (name) => this.adapter.counts(name));
  }
}
