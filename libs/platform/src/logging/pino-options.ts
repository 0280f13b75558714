import type { LoggerOptions } from 'pino';
import type { AppConfig, LogLevelName } from '../config/app.config';
import { eventLogFields } from './event-log.context';

/** Nest's level names as pino's: `log` is pino's `info`, `verbose` its `trace`. */
const PINO_LEVELS: Readonly<Record<LogLevelName, string>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** JSON for machines, or one readable line each for a person at a terminal. */
export function resolvedLogFormat(
  config: Pick<AppConfig, 'LOG_FORMAT'>,
  stdoutIsTerminal = process.stdout.isTTY === true,
): 'json' | 'text' {
  if (config.LOG_FORMAT !== 'auto') return config.LOG_FORMAT;
  return stdoutIsTerminal ? 'text' : 'json';
}

/**
 * The app's pino settings: every line carries `app` and `role`, and, while an event or a
 * job is handled, its id, correlation and causation ids (`withEventLogContext`); the level
 * follows LOG_LEVEL. In text format lines go through pino-pretty on one line each.
 */
export function pinoOptions(
  app: string,
  config: AppConfig,
  format = resolvedLogFormat(config),
): LoggerOptions {
  const role = (config as AppConfig & { ROLE?: string }).ROLE ?? 'all';
  return {
    level: PINO_LEVELS[config.LOG_LEVEL],
    base: { app, role },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    mixin: () => ({ ...eventLogFields() }),
    ...(format === 'text' && {
      transport: {
        target: 'pino-pretty',
        options: {
          singleLine: true,
          colorize: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,app,role,context',
          messageFormat: '{app} [{context}] {msg}',
        },
      },
    }),
  };
}
