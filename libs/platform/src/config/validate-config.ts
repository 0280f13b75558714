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
  const got = raw === undefined ? 'it is not set' : `got ${JSON.stringify(raw)}`;
  return `${reasons} (${got})`;
}
