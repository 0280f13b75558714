import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { EventFilterArgs } from './event-filter.args';

export const DEFAULT_LAST_EVENTS = 10;
/** Most events one `lastEvents` answers: enough for a dashboard, bounded for the store. */
export const MAX_LAST_EVENTS = 1000;

/** The seed's `lastEvents(limit: 5)`, with the filters of `eventStream`. */
@ArgsType()
export class LastEventsArgs extends EventFilterArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_LAST_EVENTS,
    description: `How many events, newest first (1 to ${MAX_LAST_EVENTS}).`,
  })
  @Max(MAX_LAST_EVENTS)
  @Min(1)
  @IsInt()
  limit: number = DEFAULT_LAST_EVENTS;
}
