// Config classes rely on design:type metadata for conversions; it is only recorded if
// reflect-metadata is loaded before the decorators run, so load it here, not in main.ts.
import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['auto', 'json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * Settings every app shares. Each app extends it, overriding PORT's default with its
 * own port and adding its own variables; class-validator messages name the variable.
 */
export class AppConfig {
  /** Each app overrides the default with its own port (README, "Ports"). */
  // Decorators run bottom-up: the type check must come first for a clear message.
  @Max(65535)
  @Min(1)
  @IsInt()
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';

  /**
   * `json` lines for log shippers, `text` (one readable line each) for a person; `auto` picks
   * text when standard output is a terminal and JSON otherwise (containers, pipes, files).
   */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'auto';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;
}
