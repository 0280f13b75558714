import type { TransportLogger } from '../../ports/transport-logger.port';

export interface InMemoryPubSubOptions {
  /** Partitions per topic (default 8): the most members of one group that can work at once. */
  readonly partitions?: number;
  /**
   * Wait before redelivering an event whose handler threw on delivery `attempt`. Default:
   * 10 ms doubling per attempt, capped at 1 s; short because in-process retries with real
   * backoff belong in the `retry` middleware.
   */
  readonly redeliveryDelayMs?: (attempt: number) => number;
  /**
   * Hard cap on events kept per partition (default: unlimited). Normally an event is kept
   * until every known group has committed past it; the cap protects memory from a topic whose
   * groups stopped reading, at the price of those groups skipping the dropped events (logged).
   */
  readonly maxRetainedPerPartition?: number;
  /**
   * Keep events after every group has read them, as a Kafka topic keeps its log (default
   * false): what an app that rebuilds its state by replaying a topic from its oldest event
   * needs on the embedded default. Memory then grows with the log, up to
   * `maxRetainedPerPartition`.
   */
  readonly retainConsumed?: boolean;
  /** Where handler failures are reported; default Nest's `Logger`. */
  readonly logger?: TransportLogger;
}

export function defaultRedeliveryDelayMs(attempt: number): number {
  return Math.min(10 * 2 ** (attempt - 1), 1000);
}
