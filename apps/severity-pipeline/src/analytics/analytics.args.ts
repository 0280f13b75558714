import { ArgsType, Field, Int, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export enum Interval {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
}
registerEnumType(Interval, { name: 'Interval' });

/** A time window; without `from`/`to` the last hour. */
@ArgsType()
export class WindowArgs {
  @Field({ nullable: true, description: 'Start (inclusive); default one hour before `to`.' })
  @IsDate()
  @IsOptional()
  from?: Date;

  @Field({ nullable: true, description: 'End (exclusive); default now.' })
  @IsDate()
  @IsOptional()
  to?: Date;
}

@ArgsType()
export class SeriesArgs extends WindowArgs {
  @Field(() => Interval, { defaultValue: Interval.MINUTE })
  @IsIn(Object.values(Interval))
  interval: Interval = Interval.MINUTE;
}

@ArgsType()
export class LatestErrorsArgs {
  @Field(() => Int, { defaultValue: 10 })
  @Max(100)
  @Min(1)
  @IsInt()
  limit: number = 10;
}
