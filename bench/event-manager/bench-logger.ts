import { ConsoleLogger } from '@nestjs/common';

/**
 * Nest's console logger at warn level that counts the errors it prints. Apps booted by the
 * bench, and the Kafka adapter it uses itself, log through it, so a phase that logged an
 * error (a broker restarted by another session's tests, say) can be told apart and re-run
 * rather than reported as a figure.
 */
class CountingLogger extends ConsoleLogger {
  private errors = 0;

  constructor() {
    super('bench', { logLevels: ['fatal', 'error', 'warn'] });
  }

  get errorCount(): number {
    return this.errors;
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    this.errors += 1;
    super.error(message, ...optionalParams);
  }
}

export const benchLogger = new CountingLogger();

/** Runs `work` and says how many errors were logged meanwhile. */
export async function countingErrors<T>(
  work: () => Promise<T>,
): Promise<{ readonly result: T; readonly errorsLogged: number }> {
  const before = benchLogger.errorCount;
  const result = await work();
  return { result, errorsLogged: benchLogger.errorCount - before };
}
