import { v5 as uuidFromName, v7 as uuidV7 } from 'uuid';
import type { EventInput } from './event.input';
import { parseEventTimestamp } from './event.rules';
import type { StoredEvent } from './event.store';

/** Namespace of the ids derived from idempotency keys (a fixed, random UUID: never change it). */
const IDEMPOTENCY_NAMESPACE = '0f5f3c6e-8d0e-4a8e-9c1b-6c2f0b7e4d21';

/**
 * The server id of an event. Without an idempotency key: a UUIDv7, which sorts in the order
 * ids were made (monotonic within a process), so it breaks ties in `latest()`. With one: a
 * UUIDv5 of (user_id, key), so a client that retries gets the same id back and the store,
 * idempotent by id, keeps the event once. The key is scoped to the user: two users both
 * sending key `1` are two events.
 */
export function eventId(input: Pick<EventInput, 'user_id' | 'idempotency_key'>): string {
  if (input.idempotency_key === undefined) return uuidV7();
  return uuidFromName(`${input.user_id}\n${input.idempotency_key}`, IDEMPOTENCY_NAMESPACE);
}

/** The event to store for a validated input accepted at `receivedAt`. */
export function newStoredEvent(input: EventInput, receivedAt: Date): StoredEvent {
  const timestamp = parseEventTimestamp(input.timestamp);
  // validateInput(EventInput, ...) refuses such a timestamp; reaching here is a bug.
  if (!timestamp) throw new Error(`unvalidated event timestamp ${JSON.stringify(input.timestamp)}`);
  return {
    id: eventId(input),
    user_id: input.user_id,
    event_type: input.event_type,
    amount: input.amount,
    timestamp,
    idempotency_key: input.idempotency_key ?? null,
    received_at: receivedAt,
  };
}
