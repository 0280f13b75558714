import type { TransportLogger } from '@app/transport';
import { randomBytes } from 'node:crypto';
import type { BenchEvent } from './events';
import { type Measurement, withTimeout } from './measure';

/** One round's events, already cut into publish batches. */
export interface RoundInput {
  /** `w` for the warm-up round, `m1`, `m2`... for the measured ones: part of every resource name. */
  readonly round: string;
  readonly events: readonly BenchEvent[];
  readonly batches: readonly (readonly BenchEvent[])[];
  readonly timeoutMs: number;
}

/** A publisher and a consumer measured together: an adapter, or the raw client beside it. */
export interface Contender {
  /** What is measured, e.g. `kafkajs producer.send + eachBatch`. */
  readonly description: string;
  /** Publishes the round's events to a fresh topic (timed), then consumes them all (timed). */
  round(input: RoundInput): Promise<Measurement>;
}

/** An adapter and (except in memory) its raw client, on the same broker in the same run. */
export interface Suite {
  /** The adapter's class name: the row of the results table. */
  readonly name: string;
  readonly adapter: Contender;
  readonly raw?: Contender;
  /** Closes every client and deletes the topics, streams, groups and queues the rounds made. */
  close(): Promise<void>;
}

/** Unique per process, so runs never meet each other's topics, streams, groups or queues. */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** A lower_snake name (a valid topic, stream and queue name): `bench_kafka_raw_<run>_m`. */
export function resourceName(suite: string, role: 'raw' | 'adapter', round: string): string {
  return `bench_${suite}_${role}_${RUN_ID}_${round}`;
}

/** Adapter warnings and errors go to stderr, so a misbehaving run does not pass unnoticed. */
export const benchLogger: TransportLogger = {
  warn: (message) => console.error(`[warn] ${message}`),
  error: (message) => console.error(`[error] ${message}`),
};

/** Runs every cleanup step even when some fail (each bounded), reporting the failures. */
export async function cleanUp(
  what: string,
  steps: readonly (() => Promise<unknown>)[],
): Promise<void> {
  for (const step of steps) {
    try {
      await withTimeout(step(), 30_000, `${what} clean-up`);
    } catch (error) {
      benchLogger.warn(`${what} clean-up: ${(error as Error).message}`);
    }
  }
}
