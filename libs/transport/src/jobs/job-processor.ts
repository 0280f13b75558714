import { DiscoveryService } from '@nestjs/core';
import type { Job } from '../ports/job-queue.port';

/**
 * Works the jobs of one queue. Resolving completes a job; throwing fails the attempt, which
 * the queue retries with backoff while attempts remain and then keeps as failed.
 */
export interface JobProcessor<T = unknown> {
  process(job: Job<T>): Promise<unknown>;
}

export interface JobProcessorRoute {
  readonly queue: string;
  /** Jobs one process runs at once (default 1). */
  readonly concurrency?: number;
}

/**
 * Registers a provider as the worker of a queue, like @nestjs/bullmq's `@Processor`, but on
 * the job-queue port (BullMQ with `REDIS_URL`, in memory otherwise):
 *
 * ```ts
 * @Injectable()
 * @ProcessJobs('error_queue', { concurrency: 10 })
 * export class ErrorWorker implements JobProcessor<ErrorJob> { async process(job) {...} }
 * ```
 */
export const ProcessJobs = (
  queue: string,
  options: { concurrency?: number } = {},
): ClassDecorator => JobProcessorRegistration({ queue, ...options });

/** The discoverable metadata behind `@ProcessJobs` (read it with `DiscoveryService`). */
export const JobProcessorRegistration = DiscoveryService.createDecorator<JobProcessorRoute>();
