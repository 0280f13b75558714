import { CloudEvent, ValidationError } from 'cloudevents';
import { checkWithCloudEventsSdk } from './cloudevents-sdk-check';
import { EnvelopeValidationError } from './envelope-validation.error';

/** Passes every check of ours; each case below changes what the SDK's check looks at. */
const valid: Readonly<Record<string, unknown>> = {
  specversion: '1.0',
  id: 'a1',
  source: '/handler-router',
  type: 'USER_CREATED',
  time: '2024-05-01T12:00:00Z',
  datacontenttype: 'application/json',
  data: { userId: 42 },
  correlationid: 'flow-1',
  partitionkey: 'user-42',
};

const CONTEXT = new Set(Object.keys(valid).concat(['subject', 'causationid', 'dataschema']));

/**
 * What the check did before it ran `CloudEvent#validate` on the attributes themselves: build
 * a CloudEvent (non-strict) and validate that. `valid`, or the attribute the SDK complains
 * about (`(event)` when its error names none).
 */
function verdictOfACloudEventBuiltFrom(event: Readonly<Record<string, unknown>>): string {
  try {
    new CloudEvent(event, false).validate();
    return 'valid';
  } catch (error) {
    if (!(error instanceof ValidationError) || !Array.isArray(error.errors)) return '(event)';
    const [first] = error.errors as {
      instancePath?: string;
      params?: { missingProperty?: string };
    }[];
    if (first === undefined || typeof first !== 'object') return '(event)';
    return first.params?.missingProperty ?? (first.instancePath?.slice(1) || '(event)');
  }
}

function verdictOfTheCheck(event: Readonly<Record<string, unknown>>): string {
  const extensions = Object.keys(event).filter((name) => !CONTEXT.has(name));
  try {
    checkWithCloudEventsSdk(event, extensions);
    return 'valid';
  } catch (error) {
    if (error instanceof EnvelopeValidationError) return error.attribute;
    throw error;
  }
}

describe('checkWithCloudEventsSdk', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a valid event', {}, 'valid'],
    ['an absolute URI source', { source: 'https://example.com/shop' }, 'valid'],
    ['a URN source', { source: 'urn:shop:checkout' }, 'valid'],
    ['a source with a space', { source: 'handler router' }, 'source'],
    [
      'a time with an offset and microseconds',
      { time: '2024-05-01T14:00:00.123456+02:00' },
      'valid',
    ],
    ['February 30', { time: '2024-02-30T12:00:00Z' }, 'time'],
    ['hour 25', { time: '2024-05-01T25:00:00Z' }, 'time'],
    ['a subject', { subject: 'user-42' }, 'valid'],
    ['an absolute dataschema', { dataschema: 'https://example.com/s.json' }, 'valid'],
    ['a relative dataschema', { dataschema: 'schemas/user.json' }, 'dataschema'],
    ['string data', { data: 'text' }, 'valid'],
    ['array data', { data: [1, 2] }, 'valid'],
    ['false as data', { data: false }, 'valid'],
    ['NaN as data', { data: Number.NaN }, 'data'],
    ['a function as data', { data: () => 1 }, 'data'],
    ['a Date as data', { data: new Date(0) }, 'valid'],
    ['a typed array as data (the SDK base64-encodes it)', { data: new Uint16Array([1]) }, 'valid'],
    ['extensions', { traceparent: '00-ab-cd-01', retries: 2, replay: true }, 'valid'],
    ['a schemaurl extension (a 0.3 attribute)', { schemaurl: 'https://x.example' }, '(event)'],
    ['a datacontentencoding extension', { datacontentencoding: 'base64' }, 'valid'],
    ['an extension named like a CloudEvent method', { validate: 'yes' }, '(event)'],
    ['an extension named emit', { emit: true }, 'valid'],
  ])('judges %s as a CloudEvent built from it would be judged', (_case, changes, expected) => {
    const event = { ...valid, ...changes };
    expect(verdictOfACloudEventBuiltFrom(event)).toBe(expected);
    expect(verdictOfTheCheck(event)).toBe(expected);
  });
});
