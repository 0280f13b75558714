import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { EventFilter } from '../events/event.store';
import {
  EVENT_TYPES,
  type EventType,
  parseEventTimestamp,
  USER_ID_MAX_LENGTH,
} from '../events/event.rules';

/** How many events `GET /events` answers without a `limit`, and at most. */
export const DEFAULT_LATEST_EVENTS = 50;
export const MAX_LATEST_EVENTS = 1000;

/**
 * An instant in the event timestamps' own format (parseEventTimestamp); anything else is left
 * as it came, for `@IsDate` to refuse with a message naming the parameter.
 */
function toInstant({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? (parseEventTimestamp(value) ?? value) : value;
}

const INSTANT_RULE = 'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z';

/**
 * `GET /events`'s query: which of the latest events to answer. Checked by the app's
 * ValidationPipe, so a bad value or an unknown parameter is a 400 naming it.
 */
export class LatestEventsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LATEST_EVENTS,
    default: DEFAULT_LATEST_EVENTS,
    description: 'How many events to answer, newest first.',
  })
  @Max(MAX_LATEST_EVENTS)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  limit: number = DEFAULT_LATEST_EVENTS;

  @ApiPropertyOptional({ example: 'user123', description: "Only this user's events." })
  @MaxLength(USER_ID_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @IsOptional()
  user_id?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, description: 'Only events of this type.' })
  @IsIn(EVENT_TYPES, { message: `event_type must be one of: ${EVENT_TYPES.join(', ')}` })
  @IsOptional()
  event_type?: EventType;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2024-01-15T10:00:00Z',
    description: 'Only events whose timestamp is at or after this instant.',
  })
  @IsDate({ message: `from ${INSTANT_RULE}` })
  @IsOptional()
  @Transform(toInstant)
  from?: Date;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2024-01-15T11:00:00Z',
    description: 'Only events whose timestamp is before this instant.',
  })
  @IsDate({ message: `to ${INSTANT_RULE}` })
  @IsOptional()
  @Transform(toInstant)
  to?: Date;

  filter(): EventFilter {
    const { user_id, event_type, from, to } = this;
    return { user_id, event_type, from, to };
  }
}
