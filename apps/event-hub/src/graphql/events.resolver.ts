import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { filter, map, Subject, takeUntil } from 'rxjs';
import { EVENT_INGEST, type EventIngest } from '../events/event-ingest.port';
import { EVENT_STORE, type EventFilter, type EventStore } from '../events/event.store';
import { EventFilterArgs } from './event-filter.args';
import { EventModel, ingestedEventModel, storedEventModel } from './event.model';
import { LastEventsArgs } from './last-events.args';
import { observableIterator } from './observable-iterator';

/**
 * Live events one subscriber may have waiting before its subscription is ended: ~2 MB, far
 * more than a client that keeps up ever holds.
 */
export const MAX_PENDING_LIVE_EVENTS = 10_000;

/** The seed's reads: `lastEvents` from the store, `eventStream` live from the ingest. */
@Resolver(() => EventModel)
export class EventsResolver implements OnModuleDestroy {
  /** Ends every open `eventStream` on shutdown, so the app closes without waiting on clients. */
  private readonly closing = new Subject<void>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_INGEST) private readonly ingest: EventIngest,
  ) {}

  @Query(() => [EventModel], {
    description: 'The latest stored events, newest first (by timestamp, then by arrival).',
  })
  async lastEvents(@Args() { limit, ...args }: LastEventsArgs): Promise<EventModel[]> {
    const events = await this.store.latest(limit, storeFilter(args));
    return events.map(storedEventModel);
  }

  @Subscription(() => EventModel, {
    description:
      'Every event accepted from the moment of subscription on, over graphql-ws; a repeated ' +
      'idempotency key is not delivered again. Events are delivered as they are accepted, ' +
      'ahead of storage, so `receivedAt` is null.',
  })
  eventStream(@Args() args: EventFilterArgs): AsyncIterableIterator<{ eventStream: EventModel }> {
    const { userId, eventType } = args;
    const events = this.ingest.live().pipe(
      filter(
        (event) =>
          (userId === undefined || event.user_id === userId) &&
          (eventType === undefined || event.event_type === eventType),
      ),
      map((event) => ({ eventStream: ingestedEventModel(event) })),
      takeUntil(this.closing),
    );
    return observableIterator(events, { maxPending: MAX_PENDING_LIVE_EVENTS });
  }

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }
}

function storeFilter({ userId, eventType }: EventFilterArgs): EventFilter {
  return {
    ...(userId !== undefined && { user_id: userId }),
    ...(eventType !== undefined && { event_type: eventType }),
  };
}
