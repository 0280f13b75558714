import { CloudEvent, ValidationError } from 'cloudevents';
import { rememberAccepted, sdkAcceptsPlainly } from './cloudevents-sdk.fast-path';
import { describeValue } from './describe-value';
import { EnvelopeValidationError } from './envelope-validation.error';

/** The part of an ajv error object we read; the SDK reports its JSON-schema failures this way. */
interface SchemaError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/**
 * Rule text for the schema's format checks, which ajv words as `must match format "uri"`.
 * Exported so our own checks of the same attributes say the same thing.
 */
export const FORMAT_RULES: Readonly<Record<string, string>> = {
  'uri-reference': 'must be a URI-reference (like /event-manager or urn:shop:checkout)',
  uri: 'must be an absolute URI (like https://example.com/schemas/user-created.json)',
  'date-time': 'must be an RFC 3339 timestamp with a time zone (like 2024-05-01T12:00:00Z)',
};

/**
 * Names the SDK's `CloudEvent` constructor treats specially when they arrive as extensions:
 * `schemaurl` is refused for 1.0 (a `TypeError`, even when not strict), `datacontentencoding`
 * is a 0.3 attribute, and an extension named like a method (`validate`, `emit`) replaces it.
 */
const SDK_SPECIAL_NAMES: ReadonlySet<string> = new Set([
  'schemaurl',
  'datacontentencoding',
  ...Object.getOwnPropertyNames(CloudEvent.prototype),
]);

/**
 * Runs the CloudEvents SDK's own 1.0 validation (its JSON schema: URI-reference `source`,
 * RFC 3339 `time`, URI `dataschema`, non-empty optional strings) so we don't hand-write
 * those grammars, and turns its failure into an {@link EnvelopeValidationError} naming the
 * attribute: the SDK's `ValidationError` says only "invalid payload" with ajv details.
 *
 * Called last, on an event that passed our own checks. For such an event a `CloudEvent`
 * built from it (non-strict, then validated) would hold the same values the schema looks
 * at, so `CloudEvent#validate` runs on the attributes themselves: the same schema and
 * attribute-name checks, without building an object per event (the constructor's copying
 * cost as much as the schema). An event the constructor would treat differently (binary
 * `data`, extensions in {@link SDK_SPECIAL_NAMES}) still goes through it. Built non-strict,
 * because the strict constructor reports some problems (extension names) in prose with no
 * attribute to point at; we check those first. An event whose verdict is plainly "valid"
 * (a `source` the SDK accepted before, a plain `time`) skips it: see `sdkAcceptsPlainly`.
 */
export function checkWithCloudEventsSdk(
  event: Readonly<Record<string, unknown>>,
  extensions: readonly string[],
): void {
  try {
    if (ArrayBuffer.isView(event.data) || extensions.some((name) => SDK_SPECIAL_NAMES.has(name))) {
      new CloudEvent(event, false).validate();
    } else if (!sdkAcceptsPlainly(event)) {
      // `CloudEvent#validate`: the SDK's schema and attribute-name checks of `this`.
      CloudEvent.prototype.validate.call(event as unknown as CloudEvent);
      rememberAccepted(event);
    }
  } catch (error) {
    throw translate(error, event);
  }
}

function translate(
  error: unknown,
  event: Readonly<Record<string, unknown>>,
): EnvelopeValidationError {
  const schemaError = firstSchemaError(error);
  if (schemaError === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new EnvelopeValidationError('(event)', `must be a valid CloudEvent 1.0 (${reason})`);
  }
  const attribute = attributeOf(schemaError);
  return new EnvelopeValidationError(
    attribute,
    `${ruleOf(schemaError)}, got ${describeValue(event[attribute])}`,
  );
}

function firstSchemaError(error: unknown): SchemaError | undefined {
  if (!(error instanceof ValidationError) || !Array.isArray(error.errors)) return undefined;
  const [first]: unknown[] = error.errors;
  return typeof first === 'object' && first !== null ? (first as SchemaError) : undefined;
}

/** `/source` → `source`; a missing required property is reported on the parent, `""`. */
function attributeOf(error: SchemaError): string {
  const missing = error.params?.missingProperty;
  if (typeof missing === 'string') return missing;
  return error.instancePath?.replace(/^\//, '') || '(event)';
}

function ruleOf(error: SchemaError): string {
  const format = error.params?.format;
  if (error.keyword === 'format' && typeof format === 'string' && format in FORMAT_RULES) {
    return FORMAT_RULES[format];
  }
  return `must satisfy the CloudEvents 1.0 schema (${error.message ?? error.keyword ?? 'invalid'})`;
}
