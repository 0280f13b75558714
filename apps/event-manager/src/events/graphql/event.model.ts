import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

/** The seed's event as GraphQL shows it; timestamps are ISO 8601 in UTC. */
@ObjectType('Event')
export class EventModel {
  @Field(() => ID)
  uuid!: string;

  @Field()
  name!: string;

  @Field({ description: 'users or products' })
  source!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

/** The seed's mutation answers: `createEvent(...) { event { ... } }`. */
@ObjectType()
export class EventPayload {
  @Field(() => EventModel)
  event!: EventModel;
}

/** The seed's `deleteEvent(uuid) { success }`. */
@ObjectType()
export class DeleteEventPayload {
  @Field()
  success!: boolean;
}
