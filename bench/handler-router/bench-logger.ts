import { ConsoleLogger } from '@nestjs/common';

/**
 * Nest's console logger at warn level (the handlers log one line per event at `log`, which
 * would measure the terminal) that counts the errors it prints, so a run during which a
 * broker was restarted by someone else's tests says so next to its figures.
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
