import { Field, Float, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { IngestedEvent } from '../events/event-ingest.port';
import { EVENT_TYPES, parseEventTimestamp } from '../events/event.rules';
import type { StoredEvent } from '../events/event.store';

/**
 * A business event as GraphQL shows it: the seed's fields in camelCase (`userId`,
 * `eventType`), instants as ISO 8601 in UTC. `eventType` is a String, not an enum, so it reads
 * and filters the same as the REST body (`"purchase"`), and a wrong value gets the shared
 * rule's message like on every other protocol.
 */
@ObjectType('Event')
export class EventModel {
  @Field(() => ID, { description: 'The id the hub gave the event.' })
  id!: string;

  @Field()
  userId!: string;

  @Field({ description: `One of: ${EVENT_TYPES.join(', ')}.` })
  eventType!: string;

  @Field(() => Float)
  amount!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the event happened, as its sender said.' })
  timestamp!: Date;

  @Field(() => String, { nullable: true, description: "The sender's idempotency key, if any." })
  idempotencyKey!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the hub accepted the event; null on `eventStream`, ahead of storage.',
  })
  receivedAt!: Date | null;
}

export function storedEventModel(event: StoredEvent): EventModel {
  return {
    id: event.id,
    userId: event.user_id,
    eventType: event.event_type,
    amount: event.amount,
    timestamp: event.timestamp,
    idempotencyKey: event.idempotency_key,
    receivedAt: event.received_at,
  };
}

export function ingestedEventModel(event: IngestedEvent): EventModel {
  const timestamp = parseEventTimestamp(event.timestamp);
  // The ingest takes validated events only; reaching here is a bug.
  if (!timestamp) throw new Error(`unvalidated event timestamp ${JSON.stringify(event.timestamp)}`);
  return {
    id: event.id,
    userId: event.user_id,
    eventType: event.event_type,
    amount: event.amount,
    timestamp,
    idempotencyKey: event.idempotency_key ?? null,
    receivedAt: null,
  };
}
