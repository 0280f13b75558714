/**
 * Thrown when the environment does not satisfy an app's configuration schema.
 * The message is one line naming every wrong variable, so start-up can print it as is.
 */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}
