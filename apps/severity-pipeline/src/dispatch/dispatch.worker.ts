import { JOB_QUEUE, type Job, type JobQueue } from '@app/transport';
import { type JobProcessor, ProcessJobs } from '@app/transport/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';
import {
  DISPATCH_QUEUE,
  ERROR_QUEUE,
  type EventJob,
  eventJobOptions,
  WARNING_QUEUE,
} from './queues';
import { workerName } from './worker-name';

/**
 * The seed's Celery dispatcher: routes each stored event by status, `warning` to
 * `warning_queue` and `error` to `error_queue`. An `info` event needs no worker: the
 * dispatcher records it as processed itself.
 */
@Injectable()
@ProcessJobs(DISPATCH_QUEUE, { concurrency: 20 })
export class DispatchWorker implements JobProcessor<EventJob> {
  private readonly name = workerName('dispatcher');

  constructor(
    private readonly events: EventsRepository,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async process(job: Job<EventJob>): Promise<string> {
    const event = await this.events.findOne(job.data.eventId);
    // Throwing keeps the job as failed with this reason, for an operator to look at.
    if (!event) throw new Error(`event ${job.data.eventId} does not exist`);
    const target = { warning: WARNING_QUEUE, error: ERROR_QUEUE, info: undefined }[event.status];
    if (target) {
      const next: EventJob = { eventId: event.id };
      await this.jobs.add(target, event.status, next, eventJobOptions(target, event.id));
    } else {
      await this.events.markProcessed(event.id, this.name, job.attempt, new Date());
    }
    await this.events.markDispatched(event.id, new Date());
    return target ?? 'processed';
  }
}
