import { CONSTANTS } from 'cloudevents';
import {
  isJsonContentType,
  isStructuredContentType,
  JSON_CONTENT_TYPE,
  mediaTypeOf,
  STRUCTURED_CONTENT_TYPE,
} from './content-type';
import { describeValue } from './describe-value';
import { EnvelopeValidationError } from './envelope-validation.error';
import type { EventEnvelope } from './event-envelope';
import { parseJson, stringifyJson } from './json-codec';
import { fillKafkaFallbacks, type Origins } from './kafka-fallbacks';
import {
  ATTRIBUTE_HEADER_PREFIX,
  CONTENT_TYPE_HEADER,
  describeHeader,
  type EventHeaders,
  headerOf,
  readEventHeaders,
} from './kafka-headers';
import type { IncomingKafkaMessage, KafkaContentMode, OutgoingKafkaMessage } from './kafka-message';
import { validateDecodedEnvelope, validateEnvelope } from './validate-envelope';

/*
 * The CloudEvents Kafka protocol binding, on top of the SDK's `Kafka` binding where it fits.
 *
 * Writing binary mode maps attributes to headers itself, as the SDK's `Kafka.binary` does
 * (`content-type` first, then `ce_<attribute>` for every attribute but `data`, in the event's
 * order), minus what we had to undo after it: its value is the data object itself (Kafka
 * needs bytes), and its headers held unset attributes as `undefined` and a
 * `ce_datacontenttype` copy of `content-type`. Doing it in one pass saves building a
 * CloudEvent-shaped copy and a second header object per event.
 * Writing structured mode uses our JSON codec rather than `Kafka.structured`, whose
 * CloudEvent#toJSON rewrites `time` (UTC, milliseconds): both modes must carry the same event.
 *
 * Reading does not use `Kafka.toEvent`: it expects string headers (kafkajs delivers
 * Buffers), parses the value only when a JSON `content-type` is present (kcat users rarely
 * send one), lets the key overwrite `ce_partitionkey` even when there is no key, and its
 * errors don't say which header is wrong. The mapping it would do is a prefix strip.
 */

const VALUE_LOCATION = 'Kafka message value';

/** The attributes CloudEvents requires, so the headers that make a message a binary-mode event. */
const REQUIRED_ATTRIBUTES = ['specversion', 'id', 'source', 'type'] as const;
const REQUIRED_HEADERS = REQUIRED_ATTRIBUTES.map(headerOf).join(', ');

/** The envelope as a Kafka message, in binary mode unless asked otherwise. Validated first. */
export function toKafkaMessage(
  envelope: EventEnvelope,
  mode: KafkaContentMode = 'binary',
): OutgoingKafkaMessage {
  const event = validateEnvelope(envelope);
  const message = mode === 'structured' ? toStructured(event) : toBinary(event);
  const timestamp = kafkaTimestamp(event.time);
  return timestamp === undefined ? message : { ...message, timestamp };
}

/**
 * The envelope carried by a Kafka message from any producer: structured mode when
 * `content-type` is `application/cloudevents+json`, binary mode otherwise. Throws an
 * `EnvelopeValidationError` naming the attribute and the header (or key, or value) it came from.
 */
export function fromKafkaMessage(message: IncomingKafkaMessage): EventEnvelope {
  const headers = readEventHeaders(message.headers ?? {});
  const { contentType } = headers;
  return contentType !== undefined && isCloudEventsFormat(contentType)
    ? fromStructured(message, contentType)
    : fromBinary(message, headers);
}

function toBinary(event: EventEnvelope): OutgoingKafkaMessage {
  return {
    key: event.partitionkey,
    value: Buffer.from(stringifyJson(event.data)),
    headers: binaryHeaders(event),
  };
}

function toStructured(event: EventEnvelope): OutgoingKafkaMessage {
  return {
    key: event.partitionkey,
    // Validated by toKafkaMessage already: the JSON format of an envelope is JSON.stringify.
    value: Buffer.from(stringifyJson(event)),
    headers: { [CONTENT_TYPE_HEADER]: STRUCTURED_CONTENT_TYPE },
  };
}

/** `content-type`, then a `ce_` header per attribute but `data`; `datacontenttype` is the former. */
function binaryHeaders(event: EventEnvelope): Record<string, string> {
  // Extensions are attributes too, which the interface does not list.
  const attributes = event as unknown as Readonly<Record<string, unknown>>;
  const headers: Record<string, string> = { [CONTENT_TYPE_HEADER]: event.datacontenttype };
  for (const name of Object.keys(attributes)) {
    if (name === 'data' || name === 'datacontenttype') continue;
    const value = attributes[name];
    // Extensions may be integers or booleans; a header holds their text form.
    headers[`${ATTRIBUTE_HEADER_PREFIX}${name}`] =
      typeof value === 'string' ? value : JSON.stringify(value);
  }
  return headers;
}

/** `time` in kafkajs' timestamp format; none for a time JavaScript cannot hold (a leap second). */
function kafkaTimestamp(time: string): string | undefined {
  const millis = Date.parse(time);
  return Number.isNaN(millis) ? undefined : String(millis);
}

function isCloudEventsFormat(contentType: string): boolean {
  return mediaTypeOf(contentType).startsWith(CONSTANTS.MIME_CE);
}

function fromStructured(message: IncomingKafkaMessage, contentType: string): EventEnvelope {
  if (!isStructuredContentType(contentType)) {
    throw new EnvelopeValidationError(
      '(event)',
      `must be in the CloudEvents JSON format (${CONSTANTS.MIME_CE_JSON}); batches and other formats are not supported, got ${describeValue(contentType)}`,
      describeHeader(CONTENT_TYPE_HEADER),
    );
  }
  const parsed = parseJson(requiredValue(message, '(body)'));
  if (!isRecord(parsed)) return validateEnvelope(parsed); // throws: not an object
  // The JSON format says absent `datacontenttype` means JSON.
  const attributes: Record<string, unknown> = { datacontenttype: JSON_CONTENT_TYPE, ...parsed };
  const origins = fillKafkaFallbacks(attributes, message);
  return validateFrom(attributes, (attribute) => origins[attribute]);
}

/** `ce_type` → `type`; `content-type` → `datacontenttype`, winning over a `ce_datacontenttype`. */
function fromBinary(
  message: IncomingKafkaMessage,
  { attributes, contentType }: EventHeaders,
): EventEnvelope {
  requireCloudEventHeaders(attributes);
  if (contentType !== undefined) attributes.datacontenttype = contentType;
  attributes.datacontenttype ??= JSON_CONTENT_TYPE;
  attributes.data = readData(requiredValue(message, 'data'), attributes.datacontenttype as string);
  const origins = fillKafkaFallbacks(attributes, message);
  return validateFrom(attributes, (attribute) => binaryOrigin(attribute, origins));
}

/**
 * Checked before the value is parsed, so a message that is no CloudEvent at all (a plain
 * JSON or text producer on the topic) is reported as such, not as bad data.
 */
function requireCloudEventHeaders(attributes: Readonly<Record<string, unknown>>): void {
  for (const attribute of REQUIRED_ATTRIBUTES) {
    if (attributes[attribute] === undefined) {
      throw new EnvelopeValidationError(
        attribute,
        `is required: a binary-mode CloudEvent carries the headers ${REQUIRED_HEADERS}`,
        describeHeader(headerOf(attribute)),
      );
    }
  }
}

/** An empty value is a tombstone (Kafka's "delete this key"), never an event. */
function requiredValue(message: IncomingKafkaMessage, attribute: string): Buffer | string {
  const { value } = message;
  if (value === null || value === undefined || value.length === 0) {
    throw new EnvelopeValidationError(
      attribute,
      'is required: the message value is empty (a tombstone, not an event)',
      VALUE_LOCATION,
    );
  }
  return value;
}

/** JSON data is parsed; anything else is kept as text for validation to reject by its content type. */
function readData(value: Buffer | string, datacontenttype: string): unknown {
  if (!isJsonContentType(datacontenttype)) return value.toString();
  try {
    return JSON.parse(value.toString()) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvelopeValidationError(
      'data',
      `must be valid JSON, as content type ${describeValue(datacontenttype)} says (${reason})`,
      VALUE_LOCATION,
    );
  }
}

function binaryOrigin(attribute: string, origins: Origins): string | undefined {
  if (origins[attribute] !== undefined) return origins[attribute];
  if (attribute === 'data') return VALUE_LOCATION;
  return attribute.startsWith('(') ? undefined : describeHeader(headerOf(attribute));
}

/** Validates (in place: the attributes are ours), adding to any error where the bad attribute was read from. */
function validateFrom(
  attributes: Record<string, unknown>,
  originOf: (attribute: string) => string | undefined,
): EventEnvelope {
  try {
    return validateDecodedEnvelope(attributes);
  } catch (error) {
    if (!(error instanceof EnvelopeValidationError)) throw error;
    const origin = originOf(error.attribute);
    throw origin === undefined ? error : error.at(origin);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
