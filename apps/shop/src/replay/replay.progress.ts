import type { ReplayProgress, ReplayReport } from './shop.replay';

const PASS_NAMES = { 1: 'reading the recorded outcomes', 2: 'rebuilding the stores' } as const;

/**
 * The replay's progress as one line per report: which pass, how many events so far, how
 * many left and the rate. On a terminal each report overwrites the last; in a log file (no
 * TTY) a line is written at most every `everyMs`, so a long replay does not flood it.
 */
export class ReplayProgressPrinter {
  private readonly startedAt = performance.now();
  private lastLineAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly everyMs = 1000,
  ) {}

  report(progress: ReplayProgress): void {
    const now = performance.now();
    if (!this.tty && now - this.lastLineAt < this.everyMs && progress.left > 0) return;
    this.lastLineAt = now;
    const line = progressLine(progress, now - this.startedAt);
    this.write(this.tty ? `\r${line.padEnd(100)}` : `${line}\n`);
  }

  finish(report: ReplayReport): void {
    if (this.tty) this.write('\n');
    this.write(`${summaryLine(report)}\n`);
  }
}

export function progressLine({ pass, handled, left }: ReplayProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((handled * 1000) / elapsedMs) : 0;
  return (
    `pass ${pass}/2 (${PASS_NAMES[pass]}): ${handled.toLocaleString('en-US')} events, ` +
    `${left.toLocaleString('en-US')} left, ${rate.toLocaleString('en-US')} events/s`
  );
}

export function summaryLine({ projected, skipped, rejectedPurchases, ms }: ReplayReport): string {
  const rate = ms > 0 ? Math.round((projected * 1000) / ms) : projected;
  return (
    `replayed ${projected.toLocaleString('en-US')} events in ${(ms / 1000).toFixed(1)} s ` +
    `(${rate.toLocaleString('en-US')} events/s): ${rejectedPurchases} rejected purchases kept ` +
    `rejected, ${skipped} events skipped as invalid`
  );
}
