import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@app/platform';
import { JOB_QUEUE, type JobQueue } from '@app/transport';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DISPATCH_QUEUE, type DispatchJob, eventJobOptions } from '../dispatch/queues';
import type { SeverityEvent } from './event.entity';
import type { CreateEventInput } from './event.input';
import { type EventFilter, EventsRepository } from './events.repository';

/**
 * Stores events and hands them to the dispatcher. The event is stored first: if the queue
 * refuses the job, the event is still accepted, and the dispatch sweeper enqueues it later.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger('Events');

  constructor(
    private readonly events: EventsRepository,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async create(input: CreateEventInput): Promise<SeverityEvent> {
    const event: SeverityEvent = {
      id: randomUUID(),
      title: input.title,
      message: input.message,
      status: input.status,
      source: input.source,
      createdAt: new Date(),
      dispatchedAt: null,
      processedAt: null,
      processedBy: null,
      attempts: 0,
    };
    await this.events.insert(event);
    await this.enqueue(event).catch((error: unknown) =>
      this.logger.warn(
        `event ${event.id} stored, dispatch deferred to the sweeper: ${(error as Error).message}`,
      ),
    );
    return event;
  }

  /** Asks the dispatcher to route the event; a second call for one event is a no-op. */
  async enqueue(event: Pick<SeverityEvent, 'id' | 'status'>): Promise<void> {
    const job: DispatchJob = { eventId: event.id, status: event.status };
    await this.jobs.add(DISPATCH_QUEUE, 'dispatch', job, eventJobOptions(DISPATCH_QUEUE, event.id));
  }

  async get(id: string): Promise<SeverityEvent> {
    const event = await this.events.findOne(id);
    if (!event) throw new NotFoundError('event', id);
    return event;
  }

  list(filter: EventFilter, limit: number, offset: number) {
    return this.events.list(filter, limit, offset);
  }
}
