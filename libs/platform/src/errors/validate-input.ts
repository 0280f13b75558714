import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type FieldViolation, InputValidationError } from './input-validation.error';
import { fieldViolations } from './input-validation.pipe';

/**
 * Checks plain data (a message body, a CLI argument list) against a class-validator class,
 * the same rules the API's DTOs apply, and returns the typed instance; unknown properties are
 * dropped. Throws an `InputValidationError` naming every bad field.
 */
export async function validateInput<T extends object>(
  type: new () => T,
  data: unknown,
): Promise<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw InputValidationError.of('(body)', 'must be a JSON object');
  }
  const instance = plainToInstance(type, data);
  const errors = await validate(instance, { whitelist: true, stopAtFirstError: true });
  const violations: FieldViolation[] = errors.flatMap((error) => fieldViolations(error));
  if (violations.length > 0) throw new InputValidationError(violations);
  return instance;
}
