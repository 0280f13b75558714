import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { EVENT_STATUSES, type EventStatus } from './event-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const STATUS_RULE = `status must be one of: ${EVENT_STATUSES.join(', ')}`;

/** `POST /api/events`: what a client (or the generator) sends. */
export class CreateEventInput {
  @ApiProperty({ maxLength: 200, example: 'Disk almost full' })
  @Transform(trim)
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  title!: string;

  @ApiProperty({ maxLength: 10_000, example: '/var is at 95%' })
  @MaxLength(10_000)
  @IsString()
  message!: string;

  @ApiProperty({ enum: EVENT_STATUSES, example: 'warning' })
  @IsIn(EVENT_STATUSES, { message: STATUS_RULE })
  status!: EventStatus;

  @ApiProperty({ maxLength: 100, example: 'monitoring' })
  @Transform(trim)
  @MaxLength(100)
  @IsNotEmpty()
  @IsString()
  source!: string;
}

export const MAX_EVENTS_PAGE = 1000;

/** `GET /api/events?status=error&source=generator&from=...&to=...&limit=50&offset=0`. */
export class ListEventsQuery {
  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsIn(EVENT_STATUSES, { message: STATUS_RULE })
  @IsOptional()
  status?: EventStatus;

  @ApiPropertyOptional({ maxLength: 100 })
  @MaxLength(100)
  @IsString()
  @IsOptional()
  source?: string;

  /** Created at or after (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created at or after' })
  @IsDate({ message: 'from must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  from?: Date;

  /** Created before (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created before' })
  @IsDate({ message: 'to must be an ISO 8601 time' })
  @Type(() => Date)
  @IsOptional()
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EVENTS_PAGE, default: 50 })
  @Max(MAX_EVENTS_PAGE)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Min(0)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  offset: number = 0;
}

export class EventIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
