import type { RouterResult } from './result';

/** Events routed and audited per second on Kafka + PostgreSQL, issue 14's target. */
export const TARGET_PER_SECOND = 10_000;

export function resultsTable(results: readonly RouterResult[]): string {
  const rows = results.map((r) =>
    row([
      r.setup,
      count(r.events),
      `${r.batchSize}`,
      `${r.concurrency}`,
      count(r.publishPerSecond),
      ms(r.bootMs),
      ms(r.joinedMs),
      r.timedFrom,
      `**${count(r.perSecond)}**`,
      count(r.fromJoinedPerSecond),
      r.cpuUsPerEvent.toFixed(1),
      `${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)}`,
    ]),
  );
  return [
    '| setup | M | batch size | concurrency | publish events/s | boot ms | joined ms | timed from | events/s routed and audited | events/s once joined | CPU µs/event | load avg before / after |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** The target's verdict for the Kafka run, and a word on any run that logged errors. */
export function verdicts(results: readonly RouterResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.setup.startsWith('Kafka')) {
      const met = r.perSecond >= TARGET_PER_SECOND;
      lines.push(
        `${r.setup}: ${count(r.perSecond)} events/s routed and audited from the router's start: ` +
          `${met ? 'met' : 'NOT met'} (target ≥ ${count(TARGET_PER_SECOND)})`,
      );
    }
    if (r.duplicates > 0) {
      lines.push(
        `${r.setup}: ${count(r.duplicates)} events delivered again and skipped as handled`,
      );
    }
    if (r.errorsLogged > 0) {
      lines.push(`${r.setup}: ${r.errorsLogged} errors logged during the run (see above)`);
    }
  }
  return lines;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
}
