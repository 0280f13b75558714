import type { RoundResult } from './round';

/** Issue 15, "Throughput": events/s through the whole pipeline, and p99 created → processed. */
export const RATE_GOAL_PER_SECOND = 2000;
export const P99_GOAL_MS = 1000;

export function resultTable(result: RoundResult, workers: number): string {
  const all = result.latencies.find((row) => row.status === 'all');
  if (!all) throw new Error('no latencies over all statuses');
  const lines = [
    '| N | clients | worker processes | accepted req/s | processed events/s | created→processed p50 / p99 / max ms | last processed after last created ms | alerts mailed | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row([
      count(result.events),
      `${result.clients}`,
      `${workers}`,
      count(result.acceptedPerSecond),
      count(result.processedPerSecond),
      `${ms(all.p50Ms)} / ${ms(all.p99Ms)} / ${ms(all.maxMs)}`,
      ms(all.drainMs),
      count(result.mailsReceived),
      result.loadAverage.toFixed(2),
    ]),
  ];
  return lines.join('\n');
}

export function statusTable(result: RoundResult): string {
  const lines = [
    '| status | processed by | events | created→processed p50 / p99 / max ms |',
    '|---|---|---:|---:|',
    ...result.latencies
      .filter((row) => row.status !== 'all')
      .map((latency) =>
        row([
          latency.status,
          PROCESSED_BY[latency.status],
          count(latency.events),
          `${ms(latency.p50Ms)} / ${ms(latency.p99Ms)} / ${ms(latency.maxMs)}`,
        ]),
      ),
  ];
  return lines.join('\n');
}

const PROCESSED_BY: Readonly<Record<string, string>> = {
  info: 'dispatcher',
  warning: 'warning worker',
  error: 'error worker (alert over SMTP)',
  all: '',
};

/** CPU per event of each process: what a quiet machine's cores would have to give. */
export function cpuLine(result: RoundResult): string {
  const parts = Object.entries(result.cpuUsPerEvent).map(
    ([name, us]) => `${name} ${us === undefined ? '?' : Math.round(us)}`,
  );
  const total = Object.values(result.cpuUsPerEvent).reduce<number>((sum, us) => sum + (us ?? 0), 0);
  return `CPU µs per event: ${parts.join(', ')}; total ${Math.round(total)} (PostgreSQL and Redis not counted)`;
}

/** One line on issue 15's target: met or not, with the figures that say so. */
export function verdict(result: RoundResult): string {
  const all = result.latencies.find((row) => row.status === 'all');
  if (!all) throw new Error('no latencies over all statuses');
  const rateMet = result.processedPerSecond >= RATE_GOAL_PER_SECOND;
  const p99Met = all.p99Ms < P99_GOAL_MS;
  return (
    `${count(result.processedPerSecond)} events/s processed (goal ≥ ${count(RATE_GOAL_PER_SECOND)}): ` +
    `${rateMet ? 'met' : 'NOT met'}; p99 created→processed ${ms(all.p99Ms)} ms ` +
    `(goal < ${P99_GOAL_MS} ms): ${p99Met ? 'met' : 'NOT met'}`
  );
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
}
