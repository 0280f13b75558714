import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type AppConfig } from '../config/app.config';

/**
 * Nest's own console logger in JSON mode: one JSON object per line with level, context
 * and message, which every log shipper understands. No extra logging library needed.
 */
export function createLogger(
  appName: string,
  config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>,
): ConsoleLogger {
  return new ConsoleLogger(appName, {
    json: config.LOG_FORMAT === 'json',
    logLevels: enabledLevels(config.LOG_LEVEL),
    prefix: appName,
  });
}

/** LOG_LEVEL=warn enables warn, error and fatal: every level at least as severe. */
export function enabledLevels(threshold: AppConfig['LOG_LEVEL']): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(threshold) + 1);
}
