import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import {
  AMOUNT_DECIMALS,
  AMOUNT_MAX,
  EVENT_TYPES,
  type EventType,
  hasAmountDecimals,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  parseEventTimestamp,
  USER_ID_MAX_LENGTH,
} from './event.rules';

/** `amount` has at most two decimal places (see hasAmountDecimals). */
function HasAmountDecimals(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasAmountDecimals',
      validator: {
        validate: (value) => typeof value === 'number' && hasAmountDecimals(value),
        defaultMessage: () =>
          `amount must be a number with at most ${AMOUNT_DECIMALS} decimal places`,
      },
    },
    options,
  );
}

/** `timestamp` must be a real ISO 8601 date and time (see parseEventTimestamp). */
function IsEventTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEventTimestamp',
      validator: {
        validate: (value) => typeof value === 'string' && parseEventTimestamp(value) !== null,
        defaultMessage: () =>
          'timestamp must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z (UTC when no offset is given)',
      },
    },
    options,
  );
}

/**
 * One business event as a caller sends it, with the seed's JSON field names: the REST body,
 * one gRPC message, the GraphQL input and one generator event. Check plain data with
 * `validateInput(EventInput, data)` from @app/platform: every violation names its field.
 *
 * Decorators run bottom-up: the type check comes first, so a wrong type is what is reported.
 */
export class EventInput {
  @MaxLength(USER_ID_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  user_id!: string;

  @IsIn(EVENT_TYPES, { message: `event_type must be one of: ${EVENT_TYPES.join(', ')}` })
  event_type!: EventType;

  @Max(AMOUNT_MAX, { message: `amount must not be greater than ${AMOUNT_MAX}` })
  @Min(0, { message: 'amount must not be negative (the event_type says refund or return)' })
  @HasAmountDecimals()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: `amount must be a number with at most ${AMOUNT_DECIMALS} decimal places` },
  )
  amount!: number;

  @IsEventTimestamp()
  @IsString()
  timestamp!: string;

  /**
   * Optional: the same key sent again by the same user is the same event, stored once, and
   * answered with the same id (see newStoredEvent).
   */
  @MaxLength(IDEMPOTENCY_KEY_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @IsOptional()
  idempotency_key?: string;
}
