import { EnvelopeValidationError } from './envelope-validation.error';
import type { IncomingKafkaMessage } from './kafka-message';

/** Where a filled-in attribute came from, for error messages: attribute → location. */
export type Origins = Readonly<Record<string, string>>;

export const KEY_LOCATION = 'Kafka message key';

/**
 * Fills what a plain producer following the README may leave out, so that kcat with only
 * `ce_specversion`, `ce_id`, `ce_source`, `ce_type` and a JSON value is enough:
 * - `partitionkey` ← the message key (the binding maps one to the other), else the same
 *   default as `createEnvelope` (`subject`, else `id`);
 * - `correlationid` ← `id`: an event nobody caused starts its own flow;
 * - `time` ← the message timestamp (when it was produced), else now.
 * Attributes that are present, even invalid, are left for validation to judge.
 *
 * Fills `attributes` in place (an object the caller just built from the message, so no
 * copy per event) and returns where the filled-in attributes came from.
 */
export function fillKafkaFallbacks(
  attributes: Record<string, unknown>,
  message: IncomingKafkaMessage,
): Origins {
  const key = attributes.partitionkey === undefined ? keyOf(message) : undefined;
  attributes.partitionkey = attributes.partitionkey ?? key ?? attributes.subject ?? attributes.id;
  attributes.correlationid = attributes.correlationid ?? attributes.id;
  attributes.time = attributes.time ?? timeOf(message.timestamp);
  return key === undefined ? NO_ORIGINS : KEY_ORIGIN;
}

const NO_ORIGINS: Origins = Object.freeze({});
const KEY_ORIGIN: Origins = Object.freeze({ partitionkey: KEY_LOCATION });

/** The key as text; an empty key is no key. */
function keyOf(message: IncomingKafkaMessage): string | undefined {
  const { key } = message;
  if (key === undefined || key === null || key.length === 0) return undefined;
  if (typeof key === 'string') return key;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(key);
  } catch {
    throw new EnvelopeValidationError('partitionkey', 'must be UTF-8 text', KEY_LOCATION);
  }
}

const MILLISECONDS = /^\d+$/;

/** Kafka marks "no timestamp" with -1; anything but a count of milliseconds means now. */
function timeOf(timestamp: string | undefined): string {
  const produced = MILLISECONDS.test(timestamp ?? '') ? new Date(Number(timestamp)) : new Date();
  return Number.isNaN(produced.getTime()) ? new Date().toISOString() : produced.toISOString();
}
