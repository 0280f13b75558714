import { Field, Float, InputType } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { EVENT_TYPES } from '../events/event.rules';

/**
 * One event as a GraphQL client sends it: the seed's REST body in camelCase. The rules are
 * the shared `EventInput`'s (see `checkEvent`), so every protocol accepts and refuses the
 * same events with the same reasons. `@Allow()` only lets the app's ValidationPipe keep the
 * fields (it refuses undecorated ones); it checks nothing.
 */
@InputType('EventInput')
export class GraphqlEventInput {
  @Field()
  @Allow()
  userId!: string;

  @Field({ description: `One of: ${EVENT_TYPES.join(', ')}.` })
  @Allow()
  eventType!: string;

  @Field(() => Float, { description: 'Not negative, at most two decimals.' })
  @Allow()
  amount!: number;

  @Field({
    description:
      'When it happened, ISO 8601 (2024-01-15T10:30:00Z); UTC when it carries no offset.',
  })
  @Allow()
  timestamp!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Sent again by the same user, it is the same event: stored once, same id.',
  })
  @Allow()
  idempotencyKey?: string | null;
}
