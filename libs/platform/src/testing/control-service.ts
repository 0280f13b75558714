import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = join(__dirname, '../../../../scripts/services');

/**
 * Drives a real service of scripts/services.sh from an integration test: `kill` is a crash
 * (SIGKILL), `restart` a clean stop and start, `up` starts it and resolves once it answers.
 */
export async function controlService(
  service: 'kafka' | 'redis' | 'postgres' | 'mongo',
  command: 'kill' | 'up' | 'restart',
): Promise<void> {
  await run('bash', [join(scripts, `${service}.sh`), command], { timeout: 120_000 });
}

/** A crash and a recovery: SIGKILL, then `up`. */
export async function crashAndRecover(service: 'kafka' | 'redis' | 'mongo'): Promise<void> {
  await controlService(service, 'kill');
  await controlService(service, 'up');
}
