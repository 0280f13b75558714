import { applyDecorators, HttpStatus } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiSchema,
  ApiSecurity,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AMOUNT_DECIMALS,
  AMOUNT_MAX,
  EVENT_TYPES,
  type EventType,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  USER_ID_MAX_LENGTH,
} from '../events/event.rules';
import type { BatchAccepted, EventAccepted, EventsPage, EventView } from './event.responses';

// What the OpenAPI document says of the REST API's bodies and answers. The classes exist for
// @nestjs/swagger only: bodies are checked by the shared EventInput rules
// (events/event-batch.check.ts), and the answers are typed by event.responses.ts, which each
// class here implements so that the document cannot drift from them.

/** Security scheme names in the document (components.securitySchemes). */
export const API_KEY_SCHEME = 'api-key';
export const BEARER_SCHEME = 'bearer';

/** The seed's `curl -d` body, word for word. */
export const SEED_EVENT = {
  user_id: 'user123',
  event_type: 'purchase',
  amount: 150.75,
  timestamp: '2024-01-15T10:30:00Z',
} as const;

@ApiSchema({ name: 'EventInput', description: 'One business event as a caller sends it.' })
export class EventInputDoc {
  @ApiProperty({ example: SEED_EVENT.user_id, minLength: 1, maxLength: USER_ID_MAX_LENGTH })
  user_id!: string;

  @ApiProperty({ enum: EVENT_TYPES, example: SEED_EVENT.event_type })
  event_type!: EventType;

  @ApiProperty({
    example: SEED_EVENT.amount,
    minimum: 0,
    maximum: AMOUNT_MAX,
    description: `A sum of money, never negative (event_type says which way it goes), at most ${AMOUNT_DECIMALS} decimal places.`,
  })
  amount!: number;

  @ApiProperty({
    example: SEED_EVENT.timestamp,
    format: 'date-time',
    description: 'When it happened, ISO 8601; UTC when no offset is given.',
  })
  timestamp!: string;

  @ApiPropertyOptional({
    example: 'order-42',
    minLength: 1,
    maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
    description:
      "Sending the same user's key again answers the first event's id with duplicate: true and ingests nothing new, so a client may retry safely.",
  })
  idempotency_key?: string;
}

@ApiSchema({ name: 'EventBatch' })
export class EventBatchDoc {
  @ApiProperty({
    type: [EventInputDoc],
    description: 'All or nothing: one bad event refuses the whole batch.',
  })
  events!: EventInputDoc[];
}

@ApiSchema({ name: 'EventAccepted' })
export class EventAcceptedDoc implements EventAccepted {
  @ApiProperty({ format: 'uuid', example: '01948a2e-7c1a-7b3e-9f00-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({
    description: "True when the idempotency key was seen before: `id` is the first event's.",
  })
  duplicate!: boolean;
}

@ApiSchema({ name: 'BatchAccepted' })
export class BatchAcceptedDoc implements BatchAccepted {
  @ApiProperty({ type: 'integer', example: 2 })
  accepted!: number;

  @ApiProperty({ type: [String], description: "The events' ids, in the order they were sent." })
  ids!: string[];

  @ApiProperty({ type: 'integer', example: 0, description: 'How many were duplicates.' })
  duplicates!: number;
}

@ApiSchema({ name: 'Event', description: 'A stored event.' })
export class EventViewDoc implements EventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: SEED_EVENT.user_id })
  user_id!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  event_type!: EventType;

  @ApiProperty({ example: SEED_EVENT.amount })
  amount!: number;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  timestamp!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  idempotency_key!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the hub accepted it.' })
  received_at!: string;
}

@ApiSchema({ name: 'EventsPage' })
export class EventsPageDoc implements EventsPage {
  @ApiProperty({ type: [EventViewDoc], description: 'Newest first, by timestamp.' })
  events!: EventViewDoc[];
}

@ApiSchema({ name: 'FieldViolation' })
class FieldViolationDoc {
  @ApiProperty({ example: 'events[3].amount' })
  field!: string;

  @ApiProperty({ example: 'must not be negative (the event_type says refund or return)' })
  reason!: string;
}

@ApiSchema({ name: 'InvalidInput', description: 'Every bad field, with its reason.' })
export class InvalidInputDoc {
  @ApiProperty({ example: HttpStatus.BAD_REQUEST })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    example: 'events[3].amount: must not be negative (the event_type says refund or return)',
  })
  message!: string;

  @ApiProperty({ type: [FieldViolationDoc] })
  violations!: FieldViolationDoc[];
}

@ApiSchema({ name: 'Unauthorized' })
class UnauthorizedDoc {
  @ApiProperty({ example: HttpStatus.UNAUTHORIZED })
  statusCode!: number;

  @ApiProperty({ example: 'Unauthorized' })
  error!: string;

  @ApiProperty({ example: 'the API key is not valid' })
  message!: string;
}

/** Every class above, for the document's components. */
export const OPENAPI_MODELS = [
  EventInputDoc,
  EventBatchDoc,
  EventAcceptedDoc,
  BatchAcceptedDoc,
  EventViewDoc,
  EventsPageDoc,
  FieldViolationDoc,
  InvalidInputDoc,
  UnauthorizedDoc,
];

/** A route that writes events: the 202, 400 and 401 answers and the API key it may need. */
export function ApiWritesEvents(accepted: typeof EventAcceptedDoc | typeof BatchAcceptedDoc) {
  return applyDecorators(
    ApiExtraModels(...OPENAPI_MODELS),
    ApiSecurity(API_KEY_SCHEME),
    ApiBearerAuth(BEARER_SCHEME),
    ApiAcceptedResponse({
      type: accepted,
      description: 'Accepted: every event is durably in the stream; it is stored shortly after.',
    }),
    ApiBadRequestResponse({
      type: InvalidInputDoc,
      description: 'Bad input: nothing was ingested.',
    }),
    ApiUnauthorizedResponse({
      type: UnauthorizedDoc,
      description: 'API_KEYS is set and the request carries none of them.',
      headers: {
        'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer realm="event-hub"' } },
      },
    }),
  );
}

/** `{ "$ref": ... }` to one of the models. */
export function ref(model: new () => object): { $ref: string } {
  return { $ref: getSchemaPath(model) };
}
