import type { Job } from '@app/transport';
import { type JobProcessor, ProcessJobs } from '@app/transport/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';
import { AlertMailer } from '../mail/alert.mailer';
import { ERROR_QUEUE, type EventJob } from './queues';
import { workerName } from './worker-name';

/**
 * The seed's error worker: mails the alert, then records the event as processed. Mail first:
 * if the mail fails, the job fails and is retried with backoff, and the event stays
 * unprocessed; if the process dies after mailing, the retry finds the alert already sent
 * (AlertMailer keeps one per event) and only records it.
 */
@Injectable()
@ProcessJobs(ERROR_QUEUE, { concurrency: 10 })
export class ErrorWorker implements JobProcessor<EventJob> {
  private readonly logger = new Logger('ErrorWorker');
  private readonly name = workerName('error-worker');

  constructor(
    private readonly events: EventsRepository,
    private readonly alerts: AlertMailer,
  ) {}

  async process(job: Job<EventJob>): Promise<boolean> {
    const event = await this.events.findOne(job.data.eventId);
    if (!event) throw new Error(`event ${job.data.eventId} does not exist`);
    if (event.processedAt) return false;
    const receipt = await this.alerts.sendErrorAlert(event);
    const recorded = await this.events.markProcessed(event.id, this.name, job.attempt, new Date());
    if (recorded) {
      this.logger.warn(`error event ${event.id} recorded; alert ${receipt.messageId} mailed`);
    }
    return recorded;
  }
}
