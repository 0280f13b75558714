import { validateInput } from '@app/platform';
import { ClaimEventValue, EntityEventValue } from './event-values';

/**
 * How the handlers read their event values. Nearly every value is well formed, and checking
 * the few fields a handler needs directly costs well under a microsecond, where
 * class-transformer and class-validator cost ~20 µs a value (measured: an eighth of the
 * router's CPU per event). So a value that passes the direct check is used as it came; any
 * other goes to class-validator, which accepts it after all or throws the
 * `InputValidationError` naming the field (the same rules the producer applies,
 * `EVENT_VALUE_RULES`). The direct checks accept nothing class-validator would reject.
 */
export function readEntityEventValue(value: unknown): EntityEventValue | Promise<EntityEventValue> {
  return isEntityEventValue(value) ? value : validateInput(EntityEventValue, value);
}

/** As `readEntityEventValue`, for the claim events (`data.roleId` too). */
export function readClaimEventValue(value: unknown): ClaimEventValue | Promise<ClaimEventValue> {
  return isClaimEventValue(value) ? value : validateInput(ClaimEventValue, value);
}

function isEntityEventValue(value: unknown): value is EntityEventValue {
  return (
    isObject(value) && isDefined(value.userId) && isObject(value.data) && isDefined(value.data.id)
  );
}

function isClaimEventValue(value: unknown): value is ClaimEventValue {
  return (
    isEntityEventValue(value) && isDefined((value.data as Partial<ClaimEventValue['data']>).roleId)
  );
}

/** class-validator's `@IsObject()`, for the plain JSON objects events carry. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** class-validator's `@IsDefined()`. */
function isDefined(value: unknown): boolean {
  return value !== undefined && value !== null;
}
