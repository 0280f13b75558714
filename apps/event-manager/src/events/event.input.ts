import { ArgsType, Field, ID, PartialType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  DESCRIPTION_MAX_LENGTH,
  EVENT_SOURCES,
  type EventSource,
  NAME_MAX_LENGTH,
} from './event.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * An event's own fields as callers send them: the GraphQL arguments of `createEvent` and
 * `createEventAsync` (the seed's `createEvent(name, source, description)`), and the body of a
 * message on the `events` topic. One set of rules for both paths.
 */
@ArgsType()
export class EventInput {
  @Field({ description: 'Required, 1 to 255 characters (surrounding spaces are trimmed).' })
  @Transform(trim)
  @MaxLength(NAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  name!: string;

  // A String argument, not an enum: the seed's clients send `source: "users"`.
  @Field(() => String, { description: `One of: ${EVENT_SOURCES.join(', ')}.` })
  @IsIn(EVENT_SOURCES, { message: `source must be one of: ${EVENT_SOURCES.join(', ')}` })
  source!: EventSource;

  @Field(() => String, { nullable: true, description: 'Optional, up to 2000 characters.' })
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  @IsString()
  @IsOptional()
  description?: string | null;
}

/** `updateEvent(uuid, name?, source?, description?)`: only the given fields change. */
@ArgsType()
export class UpdateEventInput extends PartialType(EventInput, ArgsType) {
  @Field(() => ID)
  @IsUUID('all', { message: 'uuid must be a UUID' })
  uuid!: string;
}

/** `event(uuid)` and `deleteEvent(uuid)`. */
@ArgsType()
export class EventUuidInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'uuid must be a UUID' })
  uuid!: string;
}
