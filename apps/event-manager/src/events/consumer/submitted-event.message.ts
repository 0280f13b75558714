import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { EventInput } from '../event.input';

/**
 * The data of a message on `events`: an event's fields (the rules of the API), plus the uuid
 * and timestamps `createEventAsync` assigned. A bare message from the seed's producer has
 * only the fields; it gets the rest on arrival (see `adoptBareMessage`).
 */
export class SubmittedEventMessage extends EventInput {
  @IsUUID('all', { message: 'uuid must be a UUID' })
  @IsOptional()
  uuid?: string;

  @IsISO8601({ strict: true }, { message: 'createdAt must be an ISO 8601 timestamp' })
  @IsOptional()
  createdAt?: string;

  @IsISO8601({ strict: true }, { message: 'updatedAt must be an ISO 8601 timestamp' })
  @IsOptional()
  updatedAt?: string;
}
