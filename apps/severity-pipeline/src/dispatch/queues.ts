import type { JobOptions } from '@app/transport';
import type { EventStatus } from '../events/event-status';

/**
 * The pipeline's queues. The seed's Celery dispatcher listened on the default queue, `celery`;
 * here it has a name of its own. `warning_queue` and `error_queue` are the seed's.
 */
export const DISPATCH_QUEUE = 'dispatch_queue';
export const WARNING_QUEUE = 'warning_queue';
export const ERROR_QUEUE = 'error_queue';
export const QUEUES = [DISPATCH_QUEUE, WARNING_QUEUE, ERROR_QUEUE] as const;

/** Every job carries the event's id: workers read the event itself from the database. */
export interface EventJob {
  readonly eventId: string;
}

/**
 * A dispatch job also carries the event's status, which never changes once stored, so the
 * dispatcher routes without reading the row: one database round trip less per event. A job
 * without it (enqueued by an earlier version) is routed by the stored status.
 */
export interface DispatchJob extends EventJob {
  readonly status?: EventStatus;
}

/**
 * Retries with backoff (1 s, 2 s, 4 s, 8 s); a job that still fails stays in the queue's
 * failed list with its reason, for an operator to retry. The job id (one per event and queue)
 * makes re-enqueueing the same event a no-op.
 */
export function eventJobOptions(queue: string, eventId: string): JobOptions {
  return {
    // BullMQ refuses ":" in custom ids.
    jobId: `${queue}-${eventId}`,
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 1000 },
  };
}
