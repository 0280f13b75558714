import type { Job } from '@app/transport';
import { type JobProcessor, ProcessJobs } from '@app/transport/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';
import { type EventJob, WARNING_QUEUE } from './queues';
import { workerName } from './worker-name';

/** The seed's warning worker: records the warning (processed, by whom, in how many attempts). */
@Injectable()
@ProcessJobs(WARNING_QUEUE, { concurrency: 20 })
export class WarningWorker implements JobProcessor<EventJob> {
  private readonly logger = new Logger('WarningWorker');
  private readonly name = workerName('warning-worker');

  constructor(private readonly events: EventsRepository) {}

  async process(job: Job<EventJob>): Promise<boolean> {
    const { eventId } = job.data;
    const recorded = await this.events.markProcessed(eventId, this.name, job.attempt, new Date());
    if (recorded) this.logger.warn(`warning event ${eventId} recorded`);
    return recorded;
  }
}
