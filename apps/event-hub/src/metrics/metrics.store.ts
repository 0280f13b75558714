import type { EventType } from '../events/event.rules';

/** Injection token of the MetricsStore the configuration chose (MetricsStoreModule). */
export const METRICS_STORE = Symbol('METRICS_STORE');

/** What the metrics consumer knows of one event: enough to count it in its minute. */
export interface MetricSample {
  /**
   * The event's server id, a UUID: a store counts each id once (see `record`), whatever the
   * case of its hex digits.
   */
  readonly id: string;
  readonly event_type: EventType;
  readonly amount: number;
  /**
   * The instant that picks the bucket: when the hub accepted the event (`received_at`), so
   * `aggregatedMetrics(minutes: 1)` shows the traffic of the last minute whatever business
   * time the caller wrote in `timestamp`.
   */
  readonly at: Date;
}

/** The totals of one minute for one event type. */
export interface MinuteBucket {
  /** Start of the minute (UTC, seconds and milliseconds zero). */
  readonly minute: Date;
  readonly event_type: EventType;
  readonly count: number;
  /** Sum of the amounts, exact to the cent (see AMOUNT_MAX). */
  readonly total_amount: number;
}

/** What an adapter guarantees; the contract suite runs the cases a flag enables. */
export interface MetricsStoreFeatures {
  /**
   * An id recorded again is never counted twice, also when a process died in the middle of
   * `record` and the batch is delivered again (one transaction). Without it, a batch cut
   * short by a crash may count some of its events twice when redelivered (at least once),
   * never zero times.
   */
  readonly exactlyOnceOnCrash: boolean;
}

/**
 * Per-minute buckets (count and total amount per event type) that the metrics consumer group
 * keeps and `aggregatedMetrics` reads. SQL in the embedded default (one transaction per
 * batch), MongoDB in production; both pass testing/metrics-store.contract.ts.
 */
export interface MetricsStore {
  readonly features: MetricsStoreFeatures;

  /**
   * Adds each sample to the bucket of its minute and type, counting an id once however often
   * it is recorded (in one call or across calls, the first sample of an id counting), and
   * returns how many were new. "Once" lasts the ledger's retention
   * (METRICS_LEDGER_RETENTION_HOURS): an id recorded again after that counts again. Throws,
   * counting none of the batch, when a sample's amount is no non-negative sum of cents or its
   * `at` no date.
   */
  record(samples: readonly MetricSample[]): Promise<number>;

  /** The non-empty buckets whose minute starts in [from, to), oldest first, then by type. */
  buckets(from: Date, to: Date): Promise<MinuteBucket[]>;
}
