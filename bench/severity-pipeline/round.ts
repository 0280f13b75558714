import { loadavg } from 'node:os';
import { cpuSnapshot } from './cpu';
import type { BenchConfig } from './config';
import { type LoadResult, runLoad } from './http-load';
import type { EventRows, LatencyRow } from './rows';
import type { SmtpSink } from './smtp-sink';

/** What one round of the load did, from the client's clock and the rows' timestamps. */
export interface RoundResult {
  readonly events: number;
  readonly clients: number;
  readonly load: LoadResult;
  readonly acceptedPerSecond: number;
  /** Events processed over first created to last processed. */
  readonly processedPerSecond: number;
  readonly latencies: readonly LatencyRow[];
  readonly mailsReceived: number;
  /** CPU µs per event of each process over the round (load to last processed). */
  readonly cpuUsPerEvent: Readonly<Record<string, number | undefined>>;
  /** The 1-minute load average as the round ended. */
  readonly loadAverage: number;
}

export interface RoundContext {
  readonly config: BenchConfig;
  readonly apiUrl: string;
  readonly token: string;
  readonly rows: EventRows;
  readonly smtp: SmtpSink;
  /** The processes whose CPU time the round reports, by name. */
  readonly pids: Readonly<Record<string, number | undefined>>;
}

/** How often the rows are counted while waiting for the last event to be processed. */
const POLL_MS = 250;

/** Sends `events` events of `source` through the API, then waits until each is processed. */
export async function runRound(
  context: RoundContext,
  source: string,
  events: number,
): Promise<RoundResult> {
  const { config, rows, smtp } = context;
  const mailsBefore = smtp.received();
  const cpuBefore = cpuSnapshot(context.pids);
  const load = await runLoad({
    apiUrl: context.apiUrl,
    token: context.token,
    source,
    count: events,
    clients: config.clients,
    rate: config.rate,
    mix: config.mix,
    timeoutMs: config.timeoutMs,
  });
  const deadline = Date.now() + config.timeoutMs;
  for (;;) {
    const { stored, processed } = await rows.progress(source);
    if (stored === events && processed === events) break;
    if (Date.now() > deadline) {
      throw new Error(`${processed} of ${events} events processed after ${config.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const cpuAfter = cpuSnapshot(context.pids);
  const latencies = await rows.latencies(source);
  const all = latencies.find((row) => row.status === 'all');
  if (!all) throw new Error(`no rows of ${source}`);
  return {
    events,
    clients: config.clients,
    load,
    acceptedPerSecond: (events * 1000) / (load.endedAt - load.startedAt),
    processedPerSecond: (events * 1000) / all.spanMs,
    latencies,
    mailsReceived: smtp.received() - mailsBefore,
    cpuUsPerEvent: Object.fromEntries(
      Object.entries(cpuAfter).map(([name, after]) => {
        const before = cpuBefore[name];
        const used = after === undefined || before === undefined ? undefined : after - before;
        return [name, used === undefined ? undefined : (used * 1000) / events];
      }),
    ),
    loadAverage: loadavg()[0],
  };
}
