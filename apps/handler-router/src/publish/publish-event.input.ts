import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/**
 * Body of `POST /events/:topic`: the seed's three parts of a message are the topic (in the
 * path), the event name and the value; `key` and `id` are optional.
 */
export class PublishEventInput {
  /** UPPER_SNAKE event name with a handler on the topic, e.g. `CLAIM_ADDED`. */
  @ApiProperty({ example: 'CLAIM_ADDED' })
  @MaxLength(255)
  @IsNotEmpty()
  @IsString()
  event!: string;

  /** The seed's value, `{ "userId": ..., "data": { ... } }` (checked by the producer). */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { userId: 7, data: { id: 3, roleId: 2 } },
  })
  @IsDefined()
  value!: unknown;

  /** Partition key; by default `data.roleId`, else `data.id` (see `EmitOptions.key`). */
  @ApiPropertyOptional({ description: 'Partition key; by default data.roleId, else data.id' })
  @MaxLength(255)
  @IsNotEmpty()
  @IsString()
  @IsOptional()
  key?: string;

  /**
   * Event id, so a caller that retries after a timeout or a 503 can send the same event
   * again without it being handled twice (the router is idempotent by event id).
   */
  @ApiPropertyOptional({ format: 'uuid', description: 'Event id, to retry without a duplicate' })
  @IsUUID('all', { message: 'id must be a UUID' })
  @IsOptional()
  id?: string;
}

/** The answer to `POST /events/:topic`: the event was accepted by the bus. */
export interface PublishedEventView {
  readonly id: string;
  readonly topic: string;
  readonly event: string;
  readonly key: string;
}
