import type { Job as BullJob } from 'bullmq';
import type { FailedJob, Job } from '../../ports/job-queue.port';

/** BullMQ's job as a worker or getter hands it over; our ports never see its class. */
export type StoredBullJob = BullJob<unknown, unknown, string>;

/** The job a handler gets. BullMQ counts failed attempts; the port counts this one too. */
export function toJob(job: StoredBullJob, queue: string): Job {
  return {
    id: idOf(job),
    queue,
    name: job.name,
    data: job.data,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    timestamp: job.timestamp,
  };
}

export function toFailedJob(job: StoredBullJob, queue: string): FailedJob {
  return {
    id: idOf(job),
    queue,
    name: job.name,
    data: job.data,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason,
    // BullMQ keeps one stack per failed attempt; the last is the one that gave up.
    stacktrace: job.stacktrace?.at(-1),
    failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp),
  };
}

/** A stored job always has an id; only a job object built by hand lacks one. */
export function idOf(job: StoredBullJob): string {
  if (job.id === undefined) throw new Error(`BullMQ returned job "${job.name}" without an id`);
  return job.id;
}
