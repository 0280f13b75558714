import type {
  MetricSample,
  MetricsStore,
  MetricsStoreFeatures,
  MinuteBucket,
} from '../src/metrics/metrics.store';

const MINUTE_MS = 60_000;

/**
 * A MetricsStore in a Map, for the GraphQL tests: they check what `aggregatedMetrics` makes of
 * the buckets, not how an adapter keeps them (that is the adapters' contract suite).
 */
export class InMemoryMetricsStore implements MetricsStore {
  readonly features: MetricsStoreFeatures = { exactlyOnceOnCrash: true };
  private readonly seen = new Set<string>();
  private readonly byKey = new Map<string, MinuteBucket>();

  record(samples: readonly MetricSample[]): Promise<number> {
    let added = 0;
    for (const { id, event_type, amount, at } of samples) {
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      added++;
      const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
      const key = `${minute.toISOString()}|${event_type}`;
      const bucket = this.byKey.get(key);
      this.byKey.set(key, {
        minute,
        event_type,
        count: (bucket?.count ?? 0) + 1,
        total_amount: Math.round(((bucket?.total_amount ?? 0) + amount) * 100) / 100,
      });
    }
    return Promise.resolve(added);
  }

  buckets(from: Date, to: Date): Promise<MinuteBucket[]> {
    const inWindow = [...this.byKey.values()].filter(({ minute }) => minute >= from && minute < to);
    inWindow.sort(
      (a, b) => a.minute.getTime() - b.minute.getTime() || a.event_type.localeCompare(b.event_type),
    );
    return Promise.resolve(inWindow);
  }
}
