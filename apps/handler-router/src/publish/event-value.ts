import { IsObject, ValidateBy } from 'class-validator';
import { ClaimEventValue, EntityEventValue } from '../events/event-values';
import { Events } from '../events/events.enum';

/** The audit log keeps user ids in a 255-character column. */
export const USER_ID_MAX_LENGTH = 255;

/** A user id as the seed writes it: a number, or a non-empty string. */
function IsUserId(): PropertyDecorator {
  return ValidateBy({
    name: 'isUserId',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.trim() !== '' && value.length <= USER_ID_MAX_LENGTH),
      defaultMessage: () =>
        `must be a number or a non-empty string of at most ${USER_ID_MAX_LENGTH} characters`,
    },
  });
}

/**
 * The seed's event value, `{ "userId": <who acted>, "data": { ... } }`, which every producer
 * of a routed event must send: the handlers audit `userId` and read their fields from `data`.
 */
export class SeedEventValue {
  @IsUserId()
  userId!: string | number;

  @IsObject()
  data!: Record<string, unknown>;
}

/**
 * What the seed's handlers need beyond the common shape, per event: the same classes the
 * handlers check values with, so a value the producer accepts is one its handler accepts.
 * An event that is not listed (a new one, say) gets the common shape check only.
 */
export const EVENT_VALUE_RULES: Readonly<Partial<Record<string, new () => object>>> = {
  [Events.USER_CREATED]: EntityEventValue,
  [Events.USER_UPDATED]: EntityEventValue,
  [Events.USER_DELETED]: EntityEventValue,
  [Events.ROLE_CREATED]: EntityEventValue,
  [Events.ROLE_UPDATED]: EntityEventValue,
  [Events.ROLE_DELETED]: EntityEventValue,
  [Events.CLAIM_ADDED]: ClaimEventValue,
  [Events.CLAIM_REMOVED]: ClaimEventValue,
};
