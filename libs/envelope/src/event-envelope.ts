/**
 * The one event format every app publishes and consumes: a CloudEvents 1.0 event.
 *
 * Extension attribute names follow the CloudEvents naming rule (lower-case letters and
 * digits only), hence `correlationid`, `causationid` and `partitionkey` (the latter is
 * the spec's own Partitioning extension).
 */
export interface EventEnvelope<T = unknown> {
  /** Always `1.0`; other versions are rejected rather than half-understood. */
  readonly specversion: '1.0';
  /** Unique per event; consumers use it for idempotency. */
  readonly id: string;
  /** URI-reference of the producer, e.g. `/event-manager`. */
  readonly source: string;
  /** UPPER_SNAKE event name, e.g. `USER_CREATED`. */
  readonly type: string;
  /** RFC 3339 timestamp of when the fact happened. */
  readonly time: string;
  /** What the event is about (e.g. the user's id); the default partition key. */
  readonly subject?: string;
  /** Always JSON (`application/json` or a `+json` type): envelopes carry only JSON data. */
  readonly datacontenttype: string;
  /** The payload: any JSON value but null. */
  readonly data: T;
  /** Id shared by every event of one business flow; the first event's id by default. */
  readonly correlationid: string;
  /** Id of the event that caused this one, if any. */
  readonly causationid?: string;
  /** Events with the same key are delivered in order (the Kafka message key). */
  readonly partitionkey: string;
}
