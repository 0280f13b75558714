import { EnvelopeValidationError } from './envelope-validation.error';
import { CONTEXT_ATTRIBUTES } from './validate-envelope';

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

/** What the headers of a Kafka message say about its event, read in one pass. */
export interface EventHeaders {
  /**
   * The `ce_*` headers as attributes (`ce_type` → `type`), as text: a fresh object the
   * caller may go on filling (data, fallbacks) before validation copies it.
   */
  readonly attributes: Record<string, unknown>;
  /** The `content-type` header: the data's content type in binary mode, or the mode itself. */
  readonly contentType: string | undefined;
}

/**
 * The headers that concern CloudEvents (`ce_*` and `content-type`) as text, matched by
 * lower-cased name: the binding spells them in lower case, but producers carrying HTTP
 * habits write `Content-Type`. Other headers (tracing, our dead-letter details) are left
 * alone, since they may be binary and are none of the envelope's business.
 */
export function readEventHeaders(
  headers: Readonly<Record<string, KafkaHeaderValue>>,
): EventHeaders {
  const attributes: Record<string, unknown> = {};
  let contentType: string | undefined;
  for (const rawName of Object.keys(headers)) {
    const value = headers[rawName];
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (name.startsWith(ATTRIBUTE_HEADER_PREFIX)) {
      const attribute = attributeOfHeader(name);
      if (Object.hasOwn(attributes, attribute)) throw appearsTwice(name);
      attributes[attribute] = decodeHeader(name, value);
    } else if (name === CONTENT_TYPE_HEADER) {
      if (contentType !== undefined) throw appearsTwice(name);
      contentType = decodeHeader(name, value);
    }
  }
  return { attributes, contentType };
}

/**
 * The attribute names of the headers every event carries, so that reading one costs a
 * lookup rather than a new string (which V8 must then intern to use it as a key).
 */
const KNOWN_ATTRIBUTES: ReadonlyMap<string, string> = new Map(
  [...CONTEXT_ATTRIBUTES].map((attribute) => [`${ATTRIBUTE_HEADER_PREFIX}${attribute}`, attribute]),
);

function attributeOfHeader(name: string): string {
  return KNOWN_ATTRIBUTES.get(name) ?? name.slice(ATTRIBUTE_HEADER_PREFIX.length);
}

function appearsTwice(name: string): EnvelopeValidationError {
  return headerError(name, 'must appear once, but it appears more than once');
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
