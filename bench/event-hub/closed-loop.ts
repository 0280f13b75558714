import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from '../../apps/event-hub/src/generator/latency.histogram';

/** What one load achieved, from the client's clock. */
export interface LoadResult {
  /** Requests (or streams) answered as accepted. */
  readonly requests: number;
  /** Events they carried. */
  readonly events: number;
  /** `Date.now()` when the first request went out and the last answer came back. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Accept latency of each request: sent to answered, ms. */
  readonly latency: LatencyHistogram;
}

export interface ClosedLoop {
  /** Requests in flight at once. */
  readonly clients: number;
  /** No request starts after this long; those in flight are awaited and counted. */
  readonly seconds: number;
  /**
   * Sends request number `seq` and resolves with the events it had accepted; rejects on
   * anything but acceptance, which stops the load: a benchmark of failures is no benchmark.
   */
  readonly send: (seq: number) => Promise<number>;
}

/**
 * A closed-loop load: `clients` loops, each sending its next request as soon as the previous
 * one is answered, until `seconds` have passed. The rate is what the server gives, not what
 * was asked for; latency is that of a server kept busy.
 */
export async function runClosedLoop(load: ClosedLoop): Promise<LoadResult> {
  const latency = new LatencyHistogram();
  const startedAt = Date.now();
  const stopAt = startedAt + load.seconds * 1000;
  let next = 0;
  let requests = 0;
  let events = 0;
  const client = async (): Promise<void> => {
    while (Date.now() < stopAt) {
      const seq = next++;
      const sent = performance.now();
      // Not `events += await ...`: that reads `events` before the await, losing others' adds.
      const accepted = await load.send(seq);
      events += accepted;
      latency.record(performance.now() - sent);
      requests += 1;
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
  return { requests, events, startedAt, endedAt: Date.now(), latency };
}
