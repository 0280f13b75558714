import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES, type EventType, USER_ID_MAX_LENGTH } from '../events/event.rules';

/** Which events `lastEvents` reads and `eventStream` delivers; each argument given narrows it. */
@ArgsType()
export class EventFilterArgs {
  @Field({ nullable: true, description: "Only this user's events." })
  @MaxLength(USER_ID_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @IsOptional()
  userId?: string;

  @Field(() => String, {
    nullable: true,
    description: `Only events of this type (${EVENT_TYPES.join(', ')}).`,
  })
  @IsIn(EVENT_TYPES, { message: `eventType must be one of: ${EVENT_TYPES.join(', ')}` })
  @IsOptional()
  eventType?: EventType;
}
