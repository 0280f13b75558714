import type { Observable } from 'rxjs';
import type { EventInput } from './event.input';

/** An ingested event: the caller's fields plus the id the hub gave it (see `eventId`). */
export interface IngestedEvent extends EventInput {
  readonly id: string;
}

/** What the ingest answers for each event, in the order they were given. */
export interface IngestResult {
  readonly id: string;
  /** True when the idempotency key was seen before; `id` is then the first event's. */
  readonly duplicate: boolean;
}

/**
 * Where REST, gRPC and GraphQL hand validated events. The embedded default keeps them in
 * memory; the pipeline appends them to the Redis stream `events` behind this same port.
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
