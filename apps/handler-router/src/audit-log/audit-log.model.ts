import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';

@ObjectType('AuditLogEntry')
export class AuditLogModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'CREATE, UPDATE, DELETE or OTHER' })
  action!: string;

  @Field()
  userId!: string;

  @Field()
  description!: string;

  @Field()
  entityName!: string;

  @Field(() => GraphQLJSON, { description: 'The event value, as it came.' })
  newValue!: unknown;

  @Field()
  eventId!: string;

  @Field()
  topic!: string;

  @Field()
  eventType!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType()
export class AuditLogEdge {
  @Field(() => AuditLogModel)
  node!: AuditLogModel;

  @Field()
  cursor!: string;
}

@ObjectType()
export class AuditLogPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => [AuditLogEdge])
  edges!: AuditLogEdge[];

  @Field(() => AuditLogPageInfo)
  pageInfo!: AuditLogPageInfo;

  @Field(() => Int)
  totalCount!: number;
}
