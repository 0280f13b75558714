/** Milliseconds at the percentiles the report shows. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of `values` (milliseconds); NaN entries (never measured) are errors. */
export function summarize(values: Float64Array): LatencySummary {
  if (values.length === 0) throw new RangeError('no latencies to summarize');
  if (values.some((value) => Number.isNaN(value))) {
    throw new RangeError('a latency is missing (an event was never answered or stored)');
  }
  const sorted = Float64Array.from(values).sort();
  return {
    p50: nearestRank(sorted, 0.5),
    p99: nearestRank(sorted, 0.99),
    max: sorted[sorted.length - 1],
  };
}

/** `to[i] - from[i]` for every i: per-event latencies from two timestamp arrays. */
export function differences(from: Float64Array, to: Float64Array): Float64Array {
  return to.map((value, index) => value - from[index]);
}

/**
 * The most events accepted but not yet stored at any moment: walks both sets of timestamps
 * in time order, +1 per answer, -1 per stored row (a row stored before its answer arrived,
 * as `createEvent` does, never counts).
 */
export function maxBacklog(answeredAt: Float64Array, storedAt: Float64Array): number {
  const answers = Float64Array.from(answeredAt).sort();
  const stores = Float64Array.from(storedAt).sort();
  let backlog = 0;
  let max = 0;
  let a = 0;
  let s = 0;
  while (a < answers.length) {
    if (s < stores.length && stores[s] <= answers[a]) {
      backlog -= 1;
      s += 1;
    } else {
      backlog += 1;
      a += 1;
      max = Math.max(max, backlog);
    }
  }
  return max;
}

function nearestRank(sorted: Float64Array, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}
