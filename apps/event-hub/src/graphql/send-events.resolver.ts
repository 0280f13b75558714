import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { WritesEvents } from '../auth/writes-events.decorator';
import { EventHubConfig } from '../event-hub.config';
import { EVENT_INGEST, type EventIngest } from '../events/event-ingest.port';
import { checkGraphqlEvent, checkGraphqlEvents } from './check-events';
import { GraphqlEventInput } from './event.input';
import { SendEventResult, SendEventsResult } from './send-event.model';

/**
 * Ingest over GraphQL, beside REST and gRPC: the same rules (the shared `EventInput`), the
 * same ingest port, answers shaped like gRPC's `SendEvent` and `SendEvents`. The writes live
 * in their own resolver so that write access is granted in one place: with API_KEYS set, a
 * key in the HTTP headers or the graphql-ws connectionParams (see presentedApiKey).
 */
@WritesEvents()
@Resolver()
export class SendEventsResolver {
  constructor(
    @Inject(EVENT_INGEST) private readonly ingest: EventIngest,
    private readonly config: EventHubConfig,
  ) {}

  @Mutation(() => SendEventResult, {
    description: 'Accepts one event; answers once it is durably queued.',
  })
  async sendEvent(
    @Args('input', { type: () => GraphqlEventInput }) input: GraphqlEventInput,
  ): Promise<SendEventResult> {
    const event = await checkGraphqlEvent(input);
    const [result] = await this.ingest.ingest([event]);
    return { id: result.id, duplicate: result.duplicate };
  }

  @Mutation(() => SendEventsResult, {
    description:
      'Accepts a batch whole or not at all (at most MAX_BATCH_EVENTS events): one bad event ' +
      'refuses the batch, naming each bad field as `events[3].amount`.',
  })
  async sendEvents(
    @Args('events', { type: () => [GraphqlEventInput] }) inputs: GraphqlEventInput[],
  ): Promise<SendEventsResult> {
    const events = await checkGraphqlEvents(inputs, this.config.MAX_BATCH_EVENTS);
    const results = events.length > 0 ? await this.ingest.ingest(events) : [];
    return {
      accepted: results.length,
      ids: results.map(({ id }) => id),
      duplicates: results.filter(({ duplicate }) => duplicate).length,
    };
  }
}
