import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@app/envelope';
import { NotFoundError } from '@app/platform';
import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import type { Event } from './event.entity';
import { EventCreatedNotifier } from './event-created.notifier';
import type { EventInput } from './event.input';
import {
  type EventChanges,
  type EventFilter,
  type EventPage,
  EventsRepository,
  type PageRequest,
} from './events.repository';
import { EVENTS_TOPIC, EventManagerEventType, type SubmittedEventData } from './events.topic';

/** What a caller may send: the input classes are validated before they get here. */
export type NewEvent = Pick<EventInput, 'name' | 'source' | 'description'>;

/**
 * The event-manager's use cases, whoever calls them (GraphQL today, message patterns later).
 * Two ways in: `create` stores at once; `createAsync` only publishes to `events`, and the
 * consumer stores it (`storeSubmitted`), as the seed's Django view hands work to Faust.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly created: EventCreatedNotifier,
  ) {}

  async create(input: NewEvent): Promise<Event> {
    const event = newEvent(input);
    await this.events.insert(event);
    this.created.notify([event]);
    return event;
  }

  /**
   * Assigns the uuid and timestamps, publishes, and returns once the bus has accepted the event
   * (Kafka: acknowledged by the brokers), so an answered mutation is never lost. The uuid is
   * the envelope id and the partition key: a re-published copy is stored once.
   */
  async createAsync(input: NewEvent): Promise<Event> {
    const event = newEvent(input);
    await this.publisher.publish(EVENTS_TOPIC, submittedEnvelope(event));
    return event;
  }

  /** Stores the submitted events not stored yet, in one transaction; returns the new ones. */
  async storeSubmitted(events: readonly Event[]): Promise<Event[]> {
    const stored = await this.events.insertMissing(events);
    this.created.notify(stored);
    return stored;
  }

  async get(uuid: string): Promise<Event> {
    return (await this.events.findOne(uuid)) ?? notFound(uuid);
  }

  async update(uuid: string, changes: EventChanges): Promise<Event> {
    return (await this.events.update(uuid, changes, new Date())) ?? notFound(uuid);
  }

  async delete(uuid: string): Promise<void> {
    if (!(await this.events.delete(uuid))) notFound(uuid);
  }

  list(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    return this.events.page(filter, page);
  }
}

function newEvent({ name, source, description }: NewEvent): Event {
  const now = new Date();
  return {
    uuid: randomUUID(),
    name,
    source,
    description: description ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

function submittedEnvelope(event: Event) {
  const data: SubmittedEventData = {
    ...event,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
  return createEnvelope({
    id: event.uuid,
    type: EventManagerEventType.EVENT_SUBMITTED,
    source: '/event-manager',
    subject: event.uuid,
    time: event.createdAt,
    data,
  });
}

function notFound(uuid: string): never {
  throw new NotFoundError('event', uuid);
}
