import { EnvelopeValidationError } from './envelope-validation.error';
import type { EventEnvelope } from './event-envelope';
import { validateDecodedEnvelope, validateEnvelope } from './validate-envelope';

/*
 * The CloudEvents JSON event format: for JSON data it is simply the attributes object with
 * `data` inline, so JSON.stringify/parse is the codec. We don't go through the SDK's
 * CloudEvent#toString: its toJSON rewrites `time` to UTC with millisecond precision (and
 * throws on a leap second), so an event would not read back as it was written.
 */

/**
 * The envelope as CloudEvents JSON (an HTTP body, a structured Kafka value). Validated
 * first: the wire is the contract, and a hand-built object must not reach other services.
 */
export function serializeEnvelope(envelope: EventEnvelope): string {
  return stringifyJson(validateEnvelope(envelope));
}

/** Parses CloudEvents JSON and validates it; bytes are read as UTF-8. */
export function deserializeEnvelope(json: string | Uint8Array): EventEnvelope {
  return validateDecodedEnvelope(parseJson(json));
}

/**
 * JSON.stringify for validated envelopes and their data. Only `data` can hold what JSON
 * cannot (circular structures); JSON.stringify's TypeError would not say so.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new EnvelopeValidationError('data', `must be serialisable as JSON (${messageOf(error)})`);
  }
}

/** Bytes as UTF-8 text (invalid sequences become U+FFFD, which JSON then carries or rejects). */
const utf8 = new TextDecoder();

/** Parses JSON text, reporting malformed text as the `(body)` pseudo-attribute. */
export function parseJson(json: string | Uint8Array): unknown {
  const text = typeof json === 'string' ? json : utf8.decode(json);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EnvelopeValidationError('(body)', `must be valid JSON (${messageOf(error)})`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
