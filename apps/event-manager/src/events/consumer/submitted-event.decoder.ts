import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { InputValidationError, validateInput } from '@app/platform';
import type { ForeignMessage } from '@app/transport';
import { v5 as uuidV5 } from 'uuid';
import type { Event } from '../event.entity';
import { EventManagerEventType } from '../events.topic';
import { SubmittedEventMessage } from './submitted-event.message';
import { precheckSubmittedEvent } from './submitted-event.precheck';

/** Namespace of the uuids given to bare messages (UUID v5 of topic/partition/offset). */
const BARE_MESSAGE_NAMESPACE = '1b671a64-40d5-491e-99b0-da01ff1ce3ab';

/** Where adopted messages say they come from (a CloudEvents `source` URI-reference). */
export const BARE_MESSAGE_SOURCE = '/event-manager/bare-messages';

/**
 * The event a message on `events` asks to store, checked with the API's own rules; throws an
 * `InputValidationError` naming the field otherwise (the consumer dead-letters it).
 * The envelope id is the idempotency key, so it must be the row's uuid as well.
 */
export async function toStoredEvent(envelope: EventEnvelope): Promise<Event> {
  if (envelope.type !== EventManagerEventType.EVENT_SUBMITTED) {
    throw InputValidationError.of(
      'type',
      `"${envelope.type}" is not an event type of the events topic (expected ${EventManagerEventType.EVENT_SUBMITTED})`,
    );
  }
  const message =
    precheckSubmittedEvent(envelope.data) ??
    (await validateInput(SubmittedEventMessage, envelope.data));
  if (message.uuid !== undefined && message.uuid !== envelope.id) {
    throw InputValidationError.of('uuid', `must equal the event id ${envelope.id}`);
  }
  const createdAt = new Date(message.createdAt ?? envelope.time ?? Date.now());
  return {
    uuid: envelope.id,
    name: message.name,
    source: message.source,
    description: message.description ?? null,
    createdAt,
    updatedAt: message.updatedAt ? new Date(message.updatedAt) : createdAt,
  };
}

/**
 * The seed's producer sends `{"name": "Test", "source": "users"}` with no headers. Such a
 * message becomes an `EVENT_SUBMITTED` whose id (and so the row's uuid) is derived from its
 * position in the log: a redelivery of the same message can never make a second row.
 * Its fields are checked later, by `toStoredEvent`, so a bad one is dead-lettered by field.
 */
export function adoptBareMessage(message: ForeignMessage): EventEnvelope {
  const data = parseJson(message.value);
  const id = uuidV5(
    `${message.topic}/${message.partition}/${message.offset}`,
    BARE_MESSAGE_NAMESPACE,
  );
  return createEnvelope({
    id,
    type: EventManagerEventType.EVENT_SUBMITTED,
    source: BARE_MESSAGE_SOURCE,
    time: arrivalTime(message.timestamp),
    data,
  });
}

function parseJson(value: Buffer | null): unknown {
  if (value === null) throw InputValidationError.of('(value)', 'is empty; expected a JSON object');
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    throw InputValidationError.of(
      '(value)',
      'is not JSON; expected a JSON object like {"name": "Test", "source": "users"}',
    );
  }
}

/** The broker's timestamp (ms since the epoch) when it has one, else now. */
function arrivalTime(timestamp: string): Date {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : new Date();
}
