import { EnvelopeValidationError } from './envelope-validation.error';

/** A header value as Kafka clients deliver it (kafkajs' `IHeaders`): repeated headers become arrays. */
export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Prefix of every CloudEvents attribute header in binary mode (`ce_type`), per the Kafka binding. */
export const ATTRIBUTE_HEADER_PREFIX = 'ce_';

export const CONTENT_TYPE_HEADER = 'content-type';

/** Where an attribute travels in binary mode, for error messages. */
export function headerOf(attribute: string): string {
  return attribute === 'datacontenttype'
    ? CONTENT_TYPE_HEADER
    : `${ATTRIBUTE_HEADER_PREFIX}${attribute}`;
}

export function describeHeader(name: string): string {
  return `Kafka header "${name}"`;
}

/**
 * The headers that concern CloudEvents (`ce_*` and `content-type`) as text, keyed by
 * lower-cased name: the binding spells them in lower case, but producers carrying HTTP
 * habits write `Content-Type`. Other headers (tracing, our dead-letter details) are left
 * alone, since they may be binary and are none of the envelope's business.
 */
export function readEventHeaders(
  headers: Readonly<Record<string, KafkaHeaderValue>>,
): Map<string, string> {
  const read = new Map<string, string>();
  for (const rawName of Object.keys(headers)) {
    const value = headers[rawName];
    const name = rawName.toLowerCase();
    if (value === undefined || !concernsEvents(name)) continue;
    if (read.has(name)) throw headerError(name, 'must appear once, but it appears more than once');
    read.set(name, decodeHeader(name, value));
  }
  return read;
}

function concernsEvents(name: string): boolean {
  return name === CONTENT_TYPE_HEADER || name.startsWith(ATTRIBUTE_HEADER_PREFIX);
}

function decodeHeader(name: string, value: Buffer | string | (Buffer | string)[]): string {
  if (!Array.isArray(value)) return decodeText(name, value);
  if (value.length !== 1) {
    throw headerError(name, `must appear once, but it appears ${value.length} times`);
  }
  return decodeText(name, value[0]);
}

/**
 * Fatal decoding: a header in another encoding would otherwise turn into U+FFFD silently.
 * One decoder for every header: without `stream`, each `decode` call stands alone.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(name: string, value: Buffer | string): string {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw headerError(name, 'must be UTF-8 text');
  }
}

/** A header-level problem, reported on the attribute the header carries. */
function headerError(name: string, rule: string): EnvelopeValidationError {
  const attribute =
    name === CONTENT_TYPE_HEADER ? 'datacontenttype' : name.slice(ATTRIBUTE_HEADER_PREFIX.length);
  return new EnvelopeValidationError(attribute, rule, describeHeader(name));
}
