/** One rejected input field: which one (a dotted path for nested input) and why. */
export interface FieldViolation {
  readonly field: string;
  readonly reason: string;
}

/**
 * Input a caller sent that breaks a rule. Domain code throws it whatever the protocol; each
 * protocol turns it into its own "bad input" answer (HTTP 400, GraphQL `BAD_USER_INPUT`,
 * gRPC INVALID_ARGUMENT), always with the fields and reasons, and never writes anything.
 */
export class InputValidationError extends Error {
  override readonly name = 'InputValidationError';

  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map(({ field, reason }) => `${field}: ${reason}`).join('; '));
  }

  static of(field: string, reason: string): InputValidationError {
    return new InputValidationError([{ field, reason }]);
  }
}
