import type { StoredEvent } from '../events/event.store';
import type { EventType } from '../events/event.rules';

/** `POST /events` answers the event's id; `duplicate` when its idempotency key was seen before. */
export interface EventAccepted {
  readonly id: string;
  readonly duplicate: boolean;
}

/** `POST /events/batch` answers every event's id, in the order they were sent. */
export interface BatchAccepted {
  readonly accepted: number;
  readonly ids: readonly string[];
  readonly duplicates: number;
}

/** One stored event as `GET /events` shows it: the seed's field names, instants in ISO 8601. */
export interface EventView {
  readonly id: string;
  readonly user_id: string;
  readonly event_type: EventType;
  readonly amount: number;
  readonly timestamp: string;
  readonly idempotency_key: string | null;
  readonly received_at: string;
}

/**
 * `GET /events` answers an object rather than a bare array, so that it can grow (a cursor
 * for the next page, say) without breaking its clients.
 */
export interface EventsPage {
  readonly events: readonly EventView[];
}

/** Field by field, so nothing a store adds (MongoDB's `_id`) leaks into the answer. */
export function toEventView(event: StoredEvent): EventView {
  return {
    id: event.id,
    user_id: event.user_id,
    event_type: event.event_type,
    amount: event.amount,
    timestamp: event.timestamp.toISOString(),
    idempotency_key: event.idempotency_key,
    received_at: event.received_at.toISOString(),
  };
}
