import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldViolation, InputValidationError } from './input-validation.error';

/**
 * Nest's ValidationPipe (class-validator DTOs, `@ArgsType`s and `@InputType`s), failing with
 * an `InputValidationError` so every protocol reports the same fields and reasons. Unknown
 * properties are rejected rather than silently dropped: a typo in a field name is bad input.
 */
export function createInputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new InputValidationError(errors.flatMap((e) => fieldViolations(e))),
  });
}

/** class-validator's errors as field/reason pairs, nested fields as dotted paths. */
export function fieldViolations(error: ValidationError, parent = ''): FieldViolation[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({
    field,
    reason: withoutLeadingField(message, error.property),
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => fieldViolations(child, field))];
}

/**
 * class-validator says "name should not be empty" (or "property nmae should not exist"); the
 * field is reported apart.
 */
function withoutLeadingField(message: string, property: string): string {
  for (const prefix of [`${property} `, `property ${property} `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
