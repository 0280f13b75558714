import type { Observable } from 'rxjs';
import type { EventInput } from './event.input';

/** An ingested event: the caller's fields plus the id the hub gave it (see `eventId`). */
export interface IngestedEvent extends EventInput {
  readonly id: string;
}

/** What the ingest answers for each event, in the order they were given. */
export interface IngestResult {
  readonly id: string;
  /**
   * True when an event with this idempotency key is stored already, or came earlier in the
   * same batch: it is not queued again. A retry that arrives before its first copy is
   * stored is queued (false); the consumers keep it once all the same.
   */
  readonly duplicate: boolean;
}

/**
 * Where REST, gRPC and GraphQL hand validated events: StreamEventIngest appends them to the
 * `events` stream on the configured bus (Redis Streams, Kafka, or in memory by default).
 */
export interface EventIngest {
  /**
   * Accepts a batch as a whole: once it resolves, every event is durably queued. Callers
   * check the whole batch with `validateInput(EventInput, ...)` first, so a bad event never
   * leaves part of a batch behind.
   */
  ingest(events: readonly EventInput[]): Promise<IngestResult[]>;

  /** Events ingested from the moment of subscription on (duplicates are not repeated). */
  live(): Observable<IngestedEvent>;
}

/** Injection token of the `EventIngest` in use. */
export const EVENT_INGEST = Symbol('EVENT_INGEST');
