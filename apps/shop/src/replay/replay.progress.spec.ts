import { progressLine, ReplayProgressPrinter, summaryLine } from './replay.progress';

describe('replay progress', () => {
  it('says the pass, the events so far and left, and the rate', () => {
    expect(progressLine({ pass: 2, handled: 12_000, left: 88_000 }, 2000)).toBe(
      'pass 2/2 (rebuilding the stores): 12,000 events, 88,000 left, 6,000 events/s',
    );
  });

  it('sums the replay up', () => {
    expect(summaryLine({ projected: 100_000, skipped: 1, rejectedPurchases: 3, ms: 12_500 })).toBe(
      'replayed 100,000 events in 12.5 s (8,000 events/s): 3 rejected purchases kept rejected, ' +
        '1 events skipped as invalid',
    );
  });

  it('overwrites one line on a terminal, and writes at most one line a second to a log', () => {
    const terminal: string[] = [];
    const onTerminal = new ReplayProgressPrinter((text) => terminal.push(text), true);
    onTerminal.report({ pass: 1, handled: 1, left: 2 });
    onTerminal.report({ pass: 1, handled: 2, left: 1 });
    expect(terminal.every((text) => text.startsWith('\r'))).toBe(true);
    expect(terminal).toHaveLength(2);

    const log: string[] = [];
    const inLog = new ReplayProgressPrinter((text) => log.push(text), false, 60_000);
    inLog.report({ pass: 2, handled: 1, left: 2 });
    inLog.report({ pass: 2, handled: 2, left: 1 });
    inLog.report({ pass: 2, handled: 3, left: 0 });
    expect(log).toHaveLength(2);
    expect(log[1]).toContain('3 events, 0 left');
  });
});
