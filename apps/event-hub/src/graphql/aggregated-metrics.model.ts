import { Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { EVENT_TYPES } from '../events/event.rules';

/** One event type's share of a window. */
@ObjectType()
export class EventTypeMetrics {
  @Field({ description: `One of: ${EVENT_TYPES.join(', ')}.` })
  eventType!: string;

  @Field(() => Int)
  eventCount!: number;

  @Field(() => Float, { description: 'Sum of the amounts, exact to the cent.' })
  totalAmount!: number;
}

/**
 * The seed's `aggregatedMetrics { totalAmount eventCount timeWindow }`, with the per-type
 * breakdown and the exact bounds of the window (whole minutes, see `metricsWindow`).
 */
@ObjectType()
export class AggregatedMetrics {
  @Field(() => Float, { description: 'Sum of the amounts of every event type, exact to the cent.' })
  totalAmount!: number;

  @Field(() => Int)
  eventCount!: number;

  @Field({ description: 'The window in words: "1 minute", "5 minutes".' })
  timeWindow!: string;

  @Field(() => [EventTypeMetrics], {
    description: `Every event type, in the order ${EVENT_TYPES.join(', ')}, zeros included.`,
  })
  byType!: EventTypeMetrics[];

  @Field(() => GraphQLISODateTime, {
    description: 'Start of the oldest minute counted (inclusive).',
  })
  from!: Date;

  @Field(() => GraphQLISODateTime, {
    description: 'End of the current minute (exclusive): the window holds whole minutes.',
  })
  to!: Date;
}
