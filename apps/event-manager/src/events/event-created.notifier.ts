import { Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { Event } from './event.entity';

const EVENT_CREATED = 'eventCreated';

/**
 * Feeds the `eventCreated` subscription from this process's stores (the synchronous create
 * and the consumer). graphql-subscriptions' in-process PubSub: a client sees the events its
 * own process stored, which with the default role (API and consumer together) is all of them.
 */
@Injectable()
export class EventCreatedNotifier {
  private readonly pubSub = new PubSub<{ [EVENT_CREATED]: { eventCreated: Event } }>();

  notify(events: readonly Event[]): void {
    for (const event of events) void this.pubSub.publish(EVENT_CREATED, { eventCreated: event });
  }

  iterator(): AsyncIterableIterator<{ eventCreated: Event }> {
    return this.pubSub.asyncIterableIterator(EVENT_CREATED);
  }
}
