import { EVENT_TYPES } from '../events/event.rules';
import type { MinuteBucket } from '../metrics/metrics.store';
import type { AggregatedMetrics } from './aggregated-metrics.model';

const MINUTE_MS = 60_000;

/** The minutes `aggregatedMetrics(minutes)` counts: [from, to), whole minutes. */
export interface MetricsWindow {
  readonly minutes: number;
  readonly from: Date;
  readonly to: Date;
}

/**
 * The last `minutes` whole minutes, the current one included: at 10:30:20, `minutes: 1` is
 * [10:30, 10:31) and `minutes: 5` is [10:26, 10:31). The metrics are kept per minute, so a
 * sliding window (10:29:20 to 10:30:20) cannot be answered exactly; whole minutes can, and
 * `from`/`to` in the answer say which ones were counted.
 */
export function metricsWindow(now: Date, minutes: number): MetricsWindow {
  const to = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  return { minutes, from: new Date(to - minutes * MINUTE_MS), to: new Date(to) };
}

/** The answer of `aggregatedMetrics` for the buckets of `window`. */
export function aggregateMetrics(
  window: MetricsWindow,
  buckets: readonly MinuteBucket[],
): AggregatedMetrics {
  // Amounts have at most two decimals: summing cents as integers keeps totals exact, where
  // summing doubles would answer 0.30000000000000004 for 0.1 + 0.2.
  const byType = EVENT_TYPES.map((eventType) => {
    let eventCount = 0;
    let cents = 0;
    for (const bucket of buckets) {
      if (bucket.event_type !== eventType) continue;
      eventCount += bucket.count;
      cents += Math.round(bucket.total_amount * 100);
    }
    return { eventType, eventCount, cents };
  });
  const cents = byType.reduce((sum, type) => sum + type.cents, 0);
  return {
    totalAmount: cents / 100,
    eventCount: byType.reduce((sum, type) => sum + type.eventCount, 0),
    timeWindow: `${window.minutes} ${window.minutes === 1 ? 'minute' : 'minutes'}`,
    byType: byType.map(({ eventType, eventCount, cents: typeCents }) => ({
      eventType,
      eventCount,
      totalAmount: typeCents / 100,
    })),
    from: window.from,
    to: window.to,
  };
}
