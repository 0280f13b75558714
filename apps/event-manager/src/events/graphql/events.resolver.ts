import { InputValidationError } from '@app/platform';
import { Args, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { EventCreatedNotifier } from '../event-created.notifier';
import { EventInput, EventUuidInput, UpdateEventInput } from '../event.input';
import { EventsService } from '../events.service';
import { AllEventsArgs, DEFAULT_PAGE_SIZE } from './all-events.args';
import { EventConnection } from './event-connection.model';
import { DeleteEventPayload, EventModel, EventPayload } from './event.model';

/** The seed's GraphQL API (Graphene's schema, same names and answer shapes), plus get/update. */
@Resolver(() => EventModel)
export class EventsResolver {
  constructor(
    private readonly events: EventsService,
    private readonly created: EventCreatedNotifier,
  ) {}

  @Mutation(() => EventPayload, { description: 'Stores a new event and returns it.' })
  async createEvent(@Args() input: EventInput): Promise<EventPayload> {
    return { event: await this.events.create(input) };
  }

  @Mutation(() => EventPayload, {
    description:
      'Publishes a new event to the `events` topic and returns it at once; it is readable ' +
      '(and announced on `eventCreated`) once the consumer has stored it.',
  })
  async createEventAsync(@Args() input: EventInput): Promise<EventPayload> {
    return { event: await this.events.createAsync(input) };
  }

  @Mutation(() => EventPayload, { description: 'Changes the given fields of an event.' })
  async updateEvent(@Args() { uuid, ...changes }: UpdateEventInput): Promise<EventPayload> {
    return { event: await this.events.update(uuid, changes) };
  }

  @Mutation(() => DeleteEventPayload)
  async deleteEvent(@Args() { uuid }: EventUuidInput): Promise<DeleteEventPayload> {
    await this.events.delete(uuid);
    return { success: true };
  }

  @Query(() => EventModel)
  event(@Args() { uuid }: EventUuidInput): Promise<EventModel> {
    return this.events.get(uuid);
  }

  @Query(() => EventConnection)
  async allEvents(@Args() args: AllEventsArgs): Promise<EventConnection> {
    const { first, last, after, before, newestFirst, ...filter } = args;
    if (first !== undefined && last !== undefined) {
      throw InputValidationError.of('last', 'cannot be combined with first; page one way');
    }
    const page = await this.events.list(filter, {
      first: first ?? (last === undefined ? DEFAULT_PAGE_SIZE : undefined),
      last,
      after,
      before,
      newestFirst,
    });
    const edges = page.items.map((node, index) => ({ node, cursor: page.cursors[index] }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: edges.at(0)?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Subscription(() => EventModel, {
    description: 'Every event as it is stored (by createEvent or by the consumer).',
  })
  eventCreated(): AsyncIterableIterator<{ eventCreated: EventModel }> {
    return this.created.iterator();
  }
}
