import { AMOUNT_DECIMALS, type EventType } from '../events/event.rules';
import type { MetricSample } from './metrics.store';

const MINUTE_MS = 60_000;
const CENTS_PER_UNIT = 10 ** AMOUNT_DECIMALS;

/** The start of the UTC minute `at` falls in (seconds and milliseconds zero). */
export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/** A sample as the stores count it: its minute, and its amount in whole cents. */
export interface CountedSample {
  /** Lower case: ids are UUIDs, which PostgreSQL hands back in lower case whatever came in. */
  readonly id: string;
  readonly event_type: EventType;
  readonly minute: Date;
  readonly cents: number;
}

/**
 * The samples of a batch, each id once (the first of a repeated id wins), ordered by id so
 * that concurrent writers take row locks in the same order and never deadlock.
 *
 * Amounts become whole cents: they have two decimals at most (event.rules.ts), and integer
 * sums stay exact where adding 0.1 and 0.2 as doubles does not. A sample no bucket can hold
 * (an amount that is no cent count, an invalid date) throws before anything is written:
 * added to a bucket, a NaN would spoil its totals for good.
 */
export function distinctSamples(samples: readonly MetricSample[]): CountedSample[] {
  const byId = new Map<string, CountedSample>();
  for (const sample of samples) {
    const id = sample.id.toLowerCase();
    if (byId.has(id)) continue;
    byId.set(id, {
      id,
      event_type: sample.event_type,
      minute: minuteOf(checkedDate(sample)),
      cents: toCents(sample),
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What a batch adds to one bucket. */
export interface MinuteTally {
  readonly minute: Date;
  readonly event_type: EventType;
  readonly count: number;
  readonly cents: number;
}

/** The samples summed per minute and type, ordered by minute then type (lock order again). */
export function tallyByMinute(samples: readonly CountedSample[]): MinuteTally[] {
  const tallies = new Map<string, MinuteTally>();
  for (const sample of samples) {
    const key = `${sample.minute.toISOString()}|${sample.event_type}`;
    const tally = tallies.get(key);
    tallies.set(key, {
      minute: sample.minute,
      event_type: sample.event_type,
      count: (tally?.count ?? 0) + 1,
      cents: (tally?.cents ?? 0) + sample.cents,
    });
  }
  return [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, tally]) => tally);
}

/**
 * A total in units again: the double nearest to the decimal total, so 30 cents reads 0.3.
 * Exact while the total stays under 2^53 cents (about 90 trillion), which per-minute buckets
 * of amounts below AMOUNT_MAX do not reach in practice.
 */
export function toUnits(cents: number): number {
  return cents / CENTS_PER_UNIT;
}

function toCents(sample: MetricSample): number {
  const cents = Math.round(sample.amount * CENTS_PER_UNIT);
  if (!Number.isSafeInteger(cents) || cents < 0) {
    throw new RangeError(
      `metric sample ${sample.id}: amount ${sample.amount} is no non-negative sum of cents`,
    );
  }
  return cents;
}

function checkedDate(sample: MetricSample): Date {
  if (!(sample.at instanceof Date) || Number.isNaN(sample.at.getTime())) {
    throw new RangeError(`metric sample ${sample.id}: \`at\` is no valid date`);
  }
  return sample.at;
}
