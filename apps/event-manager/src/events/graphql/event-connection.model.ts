import { Field, Int, ObjectType } from '@nestjs/graphql';
import { EventModel } from './event.model';

/** Relay's PageInfo (graphql.org/learn/pagination, the Relay cursor connections spec). */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class EventEdge {
  @Field(() => EventModel)
  node!: EventModel;

  @Field()
  cursor!: string;
}

/** `allEvents { edges { node { ... } } }`, as Graphene's DjangoFilterConnectionField answers. */
@ObjectType()
export class EventConnection {
  @Field(() => [EventEdge])
  edges!: EventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Events matching the filters, on every page.' })
  totalCount!: number;
}
