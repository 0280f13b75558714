import { createEnvelope, type EventEnvelope } from '@app/envelope';

export interface BenchData {
  readonly seq: number;
  readonly user: string;
  readonly pad: string;
}

export type BenchEvent = EventEnvelope<BenchData>;

export const BENCH_EVENT_TYPE = 'BENCH_EVENT';

/**
 * `count` envelopes made the way producers make them (`createEnvelope`), built before any
 * clock starts: every adapter and raw client publishes the same events. The partition key
 * (`subject`) cycles through `keys` users; `data` is padded to exactly `payloadBytes` of JSON.
 */
export function makeEvents(count: number, keys: number, payloadBytes: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  for (let seq = 0; seq < count; seq += 1) {
    const user = `user-${seq % keys}`;
    const unpadded = JSON.stringify({ seq, user, pad: '' }).length;
    const data: BenchData = { seq, user, pad: 'x'.repeat(Math.max(0, payloadBytes - unpadded)) };
    events.push(
      createEnvelope({ type: BENCH_EVENT_TYPE, source: '/bench/transport', subject: user, data }),
    );
  }
  return events;
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}
