import { checkWithCloudEventsSdk, FORMAT_RULES } from './cloudevents-sdk-check';
import { isJsonContentType } from './content-type';
import { describeValue, didYouMean } from './describe-value';
import { EnvelopeValidationError } from './envelope-validation.error';
import type { EventEnvelope } from './event-envelope';
import { EVENT_TYPE_RULE, isEventType, suggestEventType } from './event-names';

type Attributes = Readonly<Record<string, unknown>>;

/** Attributes with a meaning of their own; every other key is an extension. */
export const CONTEXT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'dataschema',
  'data',
  'data_base64',
  'correlationid',
  'causationid',
  'partitionkey',
]);

/** The CloudEvents rule for attribute names: lower-case ASCII letters and digits. */
const ATTRIBUTE_NAME = /^[a-z0-9]+$/;

/** RFC 3339 requires an offset; the SDK's date-time check lets a time without one through. */
const TIME_ZONE_AT_END = /(?:[zZ]|[+-]\d{2}:\d{2})$/;

/**
 * Envelopes `createEnvelope` made. They are frozen, and no rule looks inside `data` (the one
 * part that can still change), so they stay valid: when one comes back on its way to
 * `toKafkaMessage` or `serializeEnvelope`, as every published event does, it is not checked
 * again. Envelopes read from a broker are not remembered: few are ever validated twice, and
 * remembering costs more than that saves.
 */
const created = new WeakSet<object>();

/**
 * Checks that `value` (parsed JSON from an HTTP body or a structured message, or an
 * object built in code) is an {@link EventEnvelope}, and returns a frozen copy (or `value`
 * itself when `createEnvelope` made it, already checked and frozen). Throws an
 * {@link EnvelopeValidationError} naming the first bad attribute, in the order of the
 * interface.
 *
 * An attribute set to `null` or `undefined` counts as absent (the CloudEvents JSON format
 * says so for null, and other SDKs write it), and is left out of the copy; `data` is the
 * exception, since null data is reported as such. The copy is shallow: `data` belongs to
 * the caller and is not frozen.
 *
 * Nothing is defaulted here: filling gaps (a missing `correlationid`, say) is the job of
 * the code that knows where the event came from, like `fromKafkaMessage`.
 */
export function validateEnvelope(value: unknown): EventEnvelope {
  if (typeof value === 'object' && value !== null && created.has(value)) {
    return value as EventEnvelope;
  }
  const { event, extensions } = presentAttributes(asAttributes(value));
  checkEveryRule(event, extensions);
  return Object.freeze(event);
}

/**
 * {@link validateEnvelope} for an object nobody else holds: parsed JSON, or attributes just
 * read from a message. It is checked and frozen in place rather than copied (absent
 * attributes, null or undefined, are deleted from it), which is what every event read from
 * a broker goes through.
 */
export function validateDecodedEnvelope(value: unknown): EventEnvelope {
  const event = asAttributes(value) as Record<string, unknown>;
  const extensions = dropAbsentAttributes(event);
  checkEveryRule(event, extensions);
  return Object.freeze(event);
}

/** {@link validateEnvelope} for `createEnvelope`: the envelope is remembered as valid. */
export function validateCreatedEnvelope(value: unknown): EventEnvelope {
  const envelope = validateEnvelope(value);
  created.add(envelope);
  return envelope;
}

/** The checks, in the order of the interface; passing them all is what makes an envelope. */
function checkEveryRule(
  event: Attributes,
  extensions: readonly string[],
): asserts event is Attributes & EventEnvelope {
  checkSpecVersion(event);
  checkRequiredString(event, 'id');
  checkRequiredString(event, 'source');
  checkType(event);
  checkTime(event);
  checkOptionalString(event, 'subject');
  checkDataContentType(event);
  checkData(event);
  checkRequiredString(event, 'correlationid');
  checkOptionalString(event, 'causationid');
  checkRequiredString(event, 'partitionkey');
  checkExtensions(event, extensions);
  checkWithCloudEventsSdk(event, extensions);
}

function asAttributes(value: unknown): Attributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeValidationError(
      '(event)',
      `must be a JSON object, got ${describeValue(value)}`,
    );
  }
  return value as Attributes;
}

/**
 * The copy the checks run on and the caller gets: the present attributes (own enumerable
 * keys, in their order), with the names of the extensions among them, in one pass.
 */
function presentAttributes(value: Attributes): {
  event: Record<string, unknown>;
  extensions: string[];
} {
  const event: Record<string, unknown> = {};
  const extensions: string[] = [];
  for (const name of Object.keys(value)) {
    const attribute = value[name];
    if (attribute === undefined || (attribute === null && name !== 'data')) continue;
    if (name === '__proto__') {
      // Parsed JSON may carry it as a key; an assignment would set the copy's prototype.
      Object.defineProperty(event, name, {
        value: attribute,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      event[name] = attribute;
    }
    if (!CONTEXT_ATTRIBUTES.has(name)) extensions.push(name);
  }
  return { event, extensions };
}

/** {@link presentAttributes} in place: deletes absent attributes, returns the extension names. */
function dropAbsentAttributes(event: Record<string, unknown>): string[] {
  const extensions: string[] = [];
  for (const name of Object.keys(event)) {
    const attribute = event[name];
    if (attribute === undefined || (attribute === null && name !== 'data')) {
      delete event[name];
      continue;
    }
    if (!CONTEXT_ATTRIBUTES.has(name)) extensions.push(name);
  }
  return extensions;
}

function checkSpecVersion(event: Attributes): void {
  const { specversion } = event;
  if (specversion === undefined) {
    throw new EnvelopeValidationError('specversion', 'is required: "1.0"');
  }
  if (specversion !== '1.0') {
    throw new EnvelopeValidationError(
      'specversion',
      `must be "1.0" (CloudEvents 1.0), got ${describeValue(specversion)}`,
    );
  }
}

function checkType(event: Attributes): void {
  checkRequiredString(event, 'type');
  const { type } = event;
  if (!isEventType(type)) {
    throw new EnvelopeValidationError(
      'type',
      `${EVENT_TYPE_RULE}, got ${describeValue(type)}${didYouMean(suggestEventType(type))}`,
    );
  }
}

function checkTime(event: Attributes): void {
  checkRequiredString(event, 'time');
  const { time } = event;
  if (typeof time === 'string' && !TIME_ZONE_AT_END.test(time)) {
    throw new EnvelopeValidationError(
      'time',
      `${FORMAT_RULES['date-time']}, got ${describeValue(time)}`,
    );
  }
  // The full date-time grammar (month 13, February 30...) is the SDK's check, run last.
}

function checkDataContentType(event: Attributes): void {
  checkRequiredString(event, 'datacontenttype');
  const { datacontenttype } = event;
  if (typeof datacontenttype === 'string' && !isJsonContentType(datacontenttype)) {
    throw new EnvelopeValidationError(
      'datacontenttype',
      `must be JSON (application/json or a +json type) because envelopes carry only JSON data, got ${describeValue(datacontenttype)}`,
    );
  }
}

function checkData(event: Attributes): void {
  if (event.data_base64 !== undefined) {
    throw new EnvelopeValidationError(
      'data_base64',
      'is not supported: envelopes carry JSON data in "data"',
    );
  }
  const { data } = event;
  if (data === undefined || data === null) {
    throw new EnvelopeValidationError(
      'data',
      `is required: a JSON value (use {} for an event without details), got ${describeValue(data)}`,
    );
  }
  if (data instanceof Uint8Array) {
    throw new EnvelopeValidationError(
      'data',
      'must be JSON, not bytes: envelopes carry only JSON data',
    );
  }
}

/** Extension names follow the CloudEvents naming rule; values its type system (in JSON). */
function checkExtensions(event: Attributes, extensions: readonly string[]): void {
  for (const name of extensions) {
    checkExtensionName(name);
    checkExtensionValue(name, event[name]);
  }
}

function checkExtensionName(name: string): void {
  if (ATTRIBUTE_NAME.test(name)) return;
  const suggestion = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  throw new EnvelopeValidationError(
    name,
    `is not a valid attribute name: CloudEvents attribute names are lower-case letters and digits only${didYouMean(suggestion || undefined)}`,
  );
}

function checkExtensionValue(name: string, value: unknown): void {
  const valid = typeof value === 'string' || typeof value === 'boolean' || Number.isInteger(value);
  if (!valid) {
    throw new EnvelopeValidationError(
      name,
      `must be a string, an integer or a boolean (the CloudEvents type system), got ${describeValue(value)}`,
    );
  }
}

function checkRequiredString(event: Attributes, attribute: string): void {
  const value = event[attribute];
  if (value === undefined) {
    throw new EnvelopeValidationError(attribute, 'is required: a non-empty string');
  }
  checkOptionalString(event, attribute);
}

function checkOptionalString(event: Attributes, attribute: string): void {
  const value = event[attribute];
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    throw new EnvelopeValidationError(
      attribute,
      `must be a non-empty string, got ${describeValue(value)}`,
    );
  }
}
