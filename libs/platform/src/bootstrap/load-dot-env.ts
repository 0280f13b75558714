import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads a `.env` file (by default the working directory's) into `env`; variables already set
 * win, as with @nestjs/config, which reads the same file later. `bootstrapApp` calls it
 * first, so that its check, and the choice of modules by role, see the settings the app will
 * run with.
 */
export function loadDotEnv(
  file = resolve(process.cwd(), '.env'),
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (value !== undefined) env[name] ??= value;
  }
}
