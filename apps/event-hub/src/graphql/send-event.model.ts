import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** What `sendEvent` answers once the event is accepted. */
@ObjectType()
export class SendEventResult {
  @Field(() => ID)
  id!: string;

  @Field({
    description: "True when the idempotency key was seen before; `id` is the first event's.",
  })
  duplicate!: boolean;
}

/** What `sendEvents` answers once the whole batch is accepted. */
@ObjectType()
export class SendEventsResult {
  @Field(() => Int)
  accepted!: number;

  @Field(() => [ID], { description: "The events' ids, in the order they were sent." })
  ids!: string[];

  @Field(() => Int, { description: 'How many repeated an idempotency key seen before.' })
  duplicates!: number;
}
