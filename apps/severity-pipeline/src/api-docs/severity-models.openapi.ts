import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_STATUSES, type EventStatus } from '../events/event-status';

// The answers of the seed's two main resources, as OpenAPI models: the controllers return
// entities and interfaces, which carry no schema of their own.

export class SeverityEventModel {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ enum: EVENT_STATUSES })
  status!: EventStatus;

  @ApiProperty()
  source!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Routed by the dispatcher',
  })
  dispatchedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  processedAt!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'dispatcher (info), warning_worker or error_worker',
  })
  processedBy!: string | null;

  @ApiProperty({ description: 'Runs of the job that processed it' })
  attempts!: number;
}

export class EventsPageModel {
  @ApiProperty({ type: [SeverityEventModel] })
  items!: SeverityEventModel[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export class AccessTokenModel {
  @ApiProperty({ description: 'Send it as `Authorization: Bearer <access>`; short-lived' })
  access!: string;
}

export class TokenPairModel extends AccessTokenModel {
  @ApiProperty({ description: 'Trades for a new access token at POST /api/token/refresh/' })
  refresh!: string;
}
