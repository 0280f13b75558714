import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class KeyCount {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class EventCounts {
  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;

  @Field(() => Int)
  total!: number;

  @Field(() => [KeyCount], { description: 'info, warning, error: always all three.' })
  byStatus!: KeyCount[];

  @Field(() => [KeyCount], { description: 'Most events first.' })
  bySource!: KeyCount[];
}

@ObjectType()
export class SeriesPointModel {
  @Field(() => GraphQLISODateTime, { description: 'Start of the minute or hour.' })
  bucket!: Date;

  @Field(() => Int)
  info!: number;

  @Field(() => Int)
  warning!: number;

  @Field(() => Int)
  error!: number;

  @Field(() => Int)
  total!: number;
}

@ObjectType()
export class LatencyModel {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  p50Ms!: number | null;

  @Field(() => Float, { nullable: true })
  p90Ms!: number | null;

  @Field(() => Float, { nullable: true })
  p99Ms!: number | null;

  @Field(() => Float, { nullable: true })
  maxMs!: number | null;
}

@ObjectType('SeverityEvent')
export class SeverityEventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  message!: string;

  @Field()
  status!: string;

  @Field()
  source!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  processedAt?: Date | null;

  @Field(() => String, { nullable: true })
  processedBy?: string | null;

  @Field(() => Int)
  attempts!: number;
}
