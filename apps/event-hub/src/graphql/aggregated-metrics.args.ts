import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

/** A day: the longest window one answer sums (1,440 minutes × 3 types of buckets at most). */
export const MAX_METRICS_MINUTES = 1440;

/** The seed's `aggregatedMetrics(minutes: 1)`. */
@ArgsType()
export class AggregatedMetricsArgs {
  @Field(() => Int, {
    defaultValue: 1,
    description: `How many whole minutes, the current one included (1 to ${MAX_METRICS_MINUTES}).`,
  })
  @Max(MAX_METRICS_MINUTES)
  @Min(1)
  @IsInt()
  minutes: number = 1;
}
