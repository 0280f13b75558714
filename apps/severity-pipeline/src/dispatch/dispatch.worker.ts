import { JOB_QUEUE, type Job, type JobQueue } from '@app/transport';
import { type JobProcessor, ProcessJobs } from '@app/transport/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { type EventStatus, isEventStatus } from '../events/event-status';
import { EventsRepository } from '../events/events.repository';
import {
  DISPATCH_QUEUE,
  type DispatchJob,
  ERROR_QUEUE,
  type EventJob,
  eventJobOptions,
  WARNING_QUEUE,
} from './queues';

const ROUTES: Readonly<Record<EventStatus, string | undefined>> = {
  warning: WARNING_QUEUE,
  error: ERROR_QUEUE,
  info: undefined,
};
import { workerName } from './worker-name';

/**
 * The seed's Celery dispatcher: routes each stored event by status, `warning` to
 * `warning_queue` and `error` to `error_queue`. An `info` event needs no worker: the
 * dispatcher records it as processed itself. Two round trips per event: the next job and
 * the row's update (one update for an `info` event, dispatched and processed at once).
 */
@Injectable()
@ProcessJobs(DISPATCH_QUEUE, { concurrency: 20 })
export class DispatchWorker implements JobProcessor<EventJob> {
  private readonly name = workerName('dispatcher');

  constructor(
    private readonly events: EventsRepository,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async process(job: Job<DispatchJob>): Promise<string> {
    const { eventId } = job.data;
    const status = isEventStatus(job.data.status)
      ? job.data.status
      : await this.storedStatus(eventId);
    const target = ROUTES[status];
    if (target) {
      const next: EventJob = { eventId };
      await this.jobs.add(target, status, next, eventJobOptions(target, eventId));
      await this.events.markDispatched(eventId, new Date());
    } else {
      await this.events.markProcessedByDispatcher(eventId, this.name, job.attempt, new Date());
    }
    return target ?? 'processed';
  }

  private async storedStatus(eventId: string): Promise<EventStatus> {
    const event = await this.events.findOne(eventId);
    // Throwing keeps the job as failed with this reason, for an operator to look at.
    if (!event) throw new Error(`event ${eventId} does not exist`);
    return event.status;
  }
}
