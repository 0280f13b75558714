import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { InputValidationError, validateInput } from '@app/platform';
import { plainlyValidEvent } from './event.fast-check';
import { EventInput } from './event.input';
import type { StoredEvent } from './event.store';
import { newStoredEvent } from './stored-event';

/** The stream (Redis) or topic (Kafka) ingested events go to by default (EVENTS_STREAM). */
export const EVENTS_TOPIC = 'events';

/** Who appends to it, the envelope's `source`. */
export const EVENT_HUB_SOURCE = '/event-hub';

/** What an envelope on `events` carries: the event as the caller sent it, normalized. */
export interface EventData {
  readonly user_id: string;
  readonly event_type: string;
  readonly amount: number;
  /** ISO 8601 UTC with milliseconds: the caller's instant, whatever offset it was written in. */
  readonly timestamp: string;
  readonly idempotency_key?: string;
}

/**
 * The envelope of an accepted event: its server id as the CloudEvents `id` (so every
 * consumer group is idempotent by it), the business type as the CloudEvents `type`
 * (`PURCHASE`, `RETURN`, `REFUND`), the user as subject and partition key (one user's events
 * stay in order on Kafka), the time the hub accepted it as `time`.
 */
export function toEventEnvelope(event: StoredEvent): EventEnvelope<EventData> {
  const data: EventData = {
    user_id: event.user_id,
    event_type: event.event_type,
    amount: event.amount,
    timestamp: event.timestamp.toISOString(),
    ...(event.idempotency_key !== null && { idempotency_key: event.idempotency_key }),
  };
  return createEnvelope({
    id: event.id,
    type: event.event_type.toUpperCase(),
    source: EVENT_HUB_SOURCE,
    subject: event.user_id,
    time: event.received_at,
    data,
  });
}

/**
 * The event an envelope on `events` carries, checked with the rules of every protocol: a
 * consumer must not trust what anyone may have appended to the stream. Throws an
 * InputValidationError naming the field (`data.amount`, `time`), for the dead-letter topic.
 */
export async function fromEventEnvelope(envelope: EventEnvelope): Promise<StoredEvent> {
  const { data } = envelope;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw InputValidationError.of('data', 'must be an object with the event');
  }
  const input = plainlyValidEvent(data) ?? (await fullCheck(data));
  const receivedAt = new Date(envelope.time);
  if (Number.isNaN(receivedAt.getTime())) throw InputValidationError.of('time', 'is no instant');
  return { ...newStoredEvent(input, receivedAt), id: envelope.id };
}

/** EventInput's rules by class-validator: what is wrong, each field under `data.`. */
function fullCheck(data: object): Promise<EventInput> {
  return validateInput(EventInput, data).catch((error: unknown) => {
    if (!(error instanceof InputValidationError)) throw error;
    throw new InputValidationError(
      error.violations.map(({ field, reason }) => ({ field: `data.${field}`, reason })),
    );
  });
}
