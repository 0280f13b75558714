import type { EventType } from './event.rules';

/** Injection token of the EventStore the configuration chose (EventStoreModule). */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * A business event as stored, in the seed's snake_case field names (the MongoDB documents
 * and the SQL columns read the same).
 */
export interface StoredEvent {
  /** Server id, a UUID; a store keeps each id once. */
  readonly id: string;
  readonly user_id: string;
  readonly event_type: EventType;
  readonly amount: number;
  /** When the event happened, as the caller said (millisecond precision). */
  readonly timestamp: Date;
  /** The caller's idempotency key, null when it sent none. */
  readonly idempotency_key: string | null;
  /** When the hub accepted it (millisecond precision). */
  readonly received_at: Date;
}

/** Which events a query reads; every field given narrows it. */
export interface EventFilter {
  readonly user_id?: string;
  readonly event_type?: EventType;
  /** Events at or after this instant (`timestamp >= from`). */
  readonly from?: Date;
  /** Events before this instant (`timestamp < to`), so windows chain without overlap. */
  readonly to?: Date;
}

/**
 * Where event-hub keeps its events: MongoDB in production (MongoEventStore), SQLite or
 * PostgreSQL embedded and in tests (SqlEventStore); both pass testing/event-store.contract.ts.
 */
export interface EventStore {
  /**
   * Stores the events whose id is not stored yet and returns how many were new. A batch
   * delivered again (a consumer restarted before acknowledging it) or overlapping an earlier
   * one writes nothing twice, which is what makes the storage consumer idempotent; so is an
   * id repeated within the batch. Never partial on success: every event is stored afterwards.
   */
  insertMany(events: readonly StoredEvent[]): Promise<number>;

  /**
   * At most `limit` events matching `filter`, newest first: by `timestamp`, then by
   * `received_at`, then by `id` (server ids are UUIDv7, so in the order they were accepted).
   * A `limit` below 1 reads nothing.
   */
  latest(limit: number, filter?: EventFilter): Promise<StoredEvent[]>;

  /** How many stored events match `filter`. */
  count(filter?: EventFilter): Promise<number>;

  /**
   * Which of `ids` are stored: the ingest asks for the ids derived from idempotency keys, to
   * answer a client's retry as a duplicate without queueing it again.
   */
  storedIds(ids: readonly string[]): Promise<Set<string>>;
}
