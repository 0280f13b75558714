import { deserializeEnvelope, type EventEnvelope, serializeEnvelope } from '@app/envelope';
import type { StreamEntry } from './stream-reply.parser';

/**
 * The field holding the event in a stream entry: the envelope as CloudEvents JSON (structured
 * mode), so any Redis client in any language can produce or read an event with XADD/XRANGE.
 */
export const ENVELOPE_FIELD = 'envelope';

/** The entry's field/value list for XADD; validates the envelope first, as every adapter does. */
export function encodeEntryFields(event: EventEnvelope): [string, string] {
  return [ENVELOPE_FIELD, serializeEnvelope(event)];
}

/** Reads the event back; throws when the entry was not written by a well-behaved producer. */
export function decodeEntry(entry: StreamEntry): EventEnvelope {
  const wire = entry.fields.get(ENVELOPE_FIELD);
  if (wire === undefined) {
    throw new TypeError(`entry ${entry.id} has no "${ENVELOPE_FIELD}" field`);
  }
  return deserializeEnvelope(wire);
}
