import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError } from './config-validation.error';

type ConfigClass<T> = new () => T;

/**
 * Turns raw environment variables into a typed, validated config object.
 * Unknown variables are ignored (the environment holds far more than our settings);
 * class defaults apply to unset ones.
 */
export function validateConfig<T extends object>(
  configClass: ConfigClass<T>,
  env: Record<string, unknown>,
): T {
  const config = plainToInstance(configClass, env, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.map((error) => describe(error, env)));
  }
  return config;
}

function describe(error: ValidationError, env: Record<string, unknown>): string {
  const reasons = Object.values(error.constraints ?? {}).join(', ');
  const raw = env[error.property];
  const got = raw === undefined ? 'it is not set' : `got ${JSON.stringify(withoutPassword(raw))}`;
  return `${reasons} (${got})`;
}

/**
 * A rejected value is printed so the operator sees the mistake, but a URL's password must not
 * reach the logs: `postgres://app:s3cret@db/x` is shown as `postgres://app:***@db/x`.
 */
function withoutPassword(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}
