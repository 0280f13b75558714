import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, Validate } from 'class-validator';
import { EVENT_SOURCES, type EventSource, NAME_MAX_LENGTH } from '../event.rules';
import { EventCursorRule } from './event-cursor.rule';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

/**
 * `allEvents`' Relay arguments and filters. Without `first` or `last` a page holds the first
 * 100 events; ordered by `createdAt` (oldest first unless `newestFirst`).
 */
@ArgsType()
export class AllEventsArgs {
  @Field(() => Int, { nullable: true })
  @Max(MAX_PAGE_SIZE)
  @Min(0)
  @IsInt()
  @IsOptional()
  first?: number;

  @Field({ nullable: true })
  @Validate(EventCursorRule)
  @IsOptional()
  after?: string;

  @Field(() => Int, { nullable: true })
  @Max(MAX_PAGE_SIZE)
  @Min(0)
  @IsInt()
  @IsOptional()
  last?: number;

  @Field({ nullable: true })
  @Validate(EventCursorRule)
  @IsOptional()
  before?: string;

  @Field(() => String, {
    nullable: true,
    description: `Only events of this source (${EVENT_SOURCES.join(', ')}).`,
  })
  @IsIn(EVENT_SOURCES, { message: `source must be one of: ${EVENT_SOURCES.join(', ')}` })
  @IsOptional()
  source?: EventSource;

  @Field({ nullable: true, description: 'Only events with exactly this name.' })
  @MaxLength(NAME_MAX_LENGTH)
  @IsString()
  @IsOptional()
  name?: string;

  @Field({ nullable: true, description: 'Only events whose name contains this, any case.' })
  @MaxLength(NAME_MAX_LENGTH)
  @IsString()
  @IsOptional()
  nameContains?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  newestFirst?: boolean;
}
