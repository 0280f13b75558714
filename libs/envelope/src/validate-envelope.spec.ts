import { EnvelopeValidationError } from './envelope-validation.error';
import { validateDecodedEnvelope, validateEnvelope } from './validate-envelope';

const valid = {
  specversion: '1.0',
  id: '6f1c1f3e-2d9a-4a54-9d7e-0b8c0f0d3a11',
  source: '/handler-router',
  type: 'USER_CREATED',
  time: '2024-05-01T12:00:00Z',
  subject: 'user-42',
  datacontenttype: 'application/json',
  data: { userId: 42, email: 'ada@example.com' },
  correlationid: 'flow-1',
  causationid: 'event-0',
  partitionkey: 'user-42',
};

function errorFrom(value: unknown): EnvelopeValidationError {
  try {
    validateEnvelope(value);
  } catch (error) {
    if (error instanceof EnvelopeValidationError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeValidationError, but the event was accepted');
}

function without(attribute: keyof typeof valid): Record<string, unknown> {
  const { [attribute]: _removed, ...rest } = valid;
  return rest;
}

/** [case, value, attribute named, rule] for every rule an envelope can break. */
const REJECTIONS: readonly [string, unknown, string, string][] = [
  ['null', null, '(event)', 'must be a JSON object, got null'],
  ['an array', [valid], '(event)', 'must be a JSON object, got an array'],
  ['a string', '{}', '(event)', 'must be a JSON object, got "{}"'],
  ['no specversion', without('specversion'), 'specversion', 'is required: "1.0"'],
  [
    'specversion 0.3',
    { ...valid, specversion: '0.3' },
    'specversion',
    'must be "1.0" (CloudEvents 1.0), got "0.3"',
  ],
  ['no id', without('id'), 'id', 'is required: a non-empty string'],
  ['an empty id', { ...valid, id: '' }, 'id', 'must be a non-empty string, got ""'],
  ['a numeric id', { ...valid, id: 7 }, 'id', 'must be a non-empty string, got 7'],
  ['no source', without('source'), 'source', 'is required: a non-empty string'],
  [
    'a source that is no URI-reference',
    { ...valid, source: 'handler router' },
    'source',
    'must be a URI-reference (like /event-manager or urn:shop:checkout), got "handler router"',
  ],
  ['no type', without('type'), 'type', 'is required: a non-empty string'],
  [
    'a camelCase type',
    { ...valid, type: 'userCreated' },
    'type',
    'must be UPPER_SNAKE (like USER_CREATED), got "userCreated": did you mean "USER_CREATED"?',
  ],
  [
    'a reverse-DNS type',
    { ...valid, type: 'com.example.user.created' },
    'type',
    'must be UPPER_SNAKE (like USER_CREATED), got "com.example.user.created": did you mean "COM_EXAMPLE_USER_CREATED"?',
  ],
  ['no time', without('time'), 'time', 'is required: a non-empty string'],
  [
    'a time that is no timestamp',
    { ...valid, time: 'yesterday' },
    'time',
    'must be an RFC 3339 timestamp with a time zone (like 2024-05-01T12:00:00Z), got "yesterday"',
  ],
  [
    'a time without a time zone',
    { ...valid, time: '2024-05-01T12:00:00' },
    'time',
    'must be an RFC 3339 timestamp with a time zone (like 2024-05-01T12:00:00Z), got "2024-05-01T12:00:00"',
  ],
  [
    'a date that does not exist',
    { ...valid, time: '2024-02-30T12:00:00Z' },
    'time',
    'must be an RFC 3339 timestamp with a time zone (like 2024-05-01T12:00:00Z), got "2024-02-30T12:00:00Z"',
  ],
  ['an empty subject', { ...valid, subject: '' }, 'subject', 'must be a non-empty string, got ""'],
  [
    'no datacontenttype',
    without('datacontenttype'),
    'datacontenttype',
    'is required: a non-empty string',
  ],
  [
    'a non-JSON datacontenttype',
    { ...valid, datacontenttype: 'text/plain' },
    'datacontenttype',
    'must be JSON (application/json or a +json type) because envelopes carry only JSON data, got "text/plain"',
  ],
  [
    'no data',
    without('data'),
    'data',
    'is required: a JSON value (use {} for an event without details), got undefined',
  ],
  [
    'null data',
    { ...valid, data: null },
    'data',
    'is required: a JSON value (use {} for an event without details), got null',
  ],
  [
    'bytes as data',
    { ...valid, data: Buffer.from('{}') },
    'data',
    'must be JSON, not bytes: envelopes carry only JSON data',
  ],
  [
    'base64 data',
    { ...without('data'), data_base64: 'e30=' },
    'data_base64',
    'is not supported: envelopes carry JSON data in "data"',
  ],
  [
    'no correlationid',
    without('correlationid'),
    'correlationid',
    'is required: a non-empty string',
  ],
  [
    'an empty correlationid',
    { ...valid, correlationid: '' },
    'correlationid',
    'must be a non-empty string, got ""',
  ],
  [
    'a numeric causationid',
    { ...valid, causationid: 12 },
    'causationid',
    'must be a non-empty string, got 12',
  ],
  ['no partitionkey', without('partitionkey'), 'partitionkey', 'is required: a non-empty string'],
  [
    'a camelCase extension name',
    { ...valid, tenantId: 't-1' },
    'tenantId',
    'is not a valid attribute name: CloudEvents attribute names are lower-case letters and digits only: did you mean "tenantid"?',
  ],
  [
    'an extension holding an object',
    { ...valid, tenant: { id: 1 } },
    'tenant',
    'must be a string, an integer or a boolean (the CloudEvents type system), got an object',
  ],
  [
    'a dataschema that is no absolute URI',
    { ...valid, dataschema: 'schemas/user.json' },
    'dataschema',
    'must be an absolute URI (like https://example.com/schemas/user-created.json), got "schemas/user.json"',
  ],
];

describe('validateEnvelope', () => {
  describe('accepts a CloudEvents 1.0 event that follows our rules', () => {
    it('returns an equal, frozen copy', () => {
      const event = validateEnvelope(valid);
      expect(event).toEqual(valid);
      expect(event).not.toBe(valid);
      expect(Object.isFrozen(event)).toBe(true);
    });

    it('accepts an event without the optional subject and causationid', () => {
      const event = validateEnvelope(without('subject'));
      expect(event.subject).toBeUndefined();
      expect(validateEnvelope(without('causationid')).causationid).toBeUndefined();
    });

    it('treats null or undefined attributes as absent and leaves them out', () => {
      const event = validateEnvelope({
        ...valid,
        subject: null,
        causationid: undefined,
        note: null,
      });
      expect(Object.keys(event)).not.toContain('subject');
      expect(Object.keys(event)).not.toContain('causationid');
      expect(Object.keys(event)).not.toContain('note');
    });

    it('still requires an attribute that is set to null', () => {
      expect(errorFrom({ ...valid, correlationid: null })).toMatchObject({
        attribute: 'correlationid',
        rule: 'is required: a non-empty string',
      });
    });

    it('keeps other extensions, whose values may be strings, integers or booleans', () => {
      const event = validateEnvelope({
        ...valid,
        traceparent: '00-abc-def-01',
        retries: 2,
        replay: true,
      });
      expect(event).toMatchObject({ traceparent: '00-abc-def-01', retries: 2, replay: true });
    });

    it.each([
      '2024-05-01T12:00:00.123456Z',
      '2024-05-01T14:00:00+02:00',
      '2024-05-01T06:30:00-05:30',
    ])('accepts the RFC 3339 time %s as written', (time) => {
      expect(validateEnvelope({ ...valid, time }).time).toBe(time);
    });

    it.each(['application/json; charset=utf-8', 'application/vnd.shop.order+json'])(
      'accepts the JSON content type %s',
      (datacontenttype) => {
        expect(validateEnvelope({ ...valid, datacontenttype }).datacontenttype).toBe(
          datacontenttype,
        );
      },
    );

    it.each([
      ['an array', [1, 2]],
      ['a string', 'hello'],
      ['a number', 0],
      ['false', false],
    ])('accepts %s as data', (_kind, data) => {
      expect(validateEnvelope({ ...valid, data }).data).toEqual(data);
    });
  });

  describe('rejects each broken rule, naming the attribute', () => {
    it.each(REJECTIONS)('rejects %s', (_case, value, attribute, rule) => {
      const error = errorFrom(value);
      expect(error.attribute).toBe(attribute);
      expect(error.rule).toBe(rule);
      expect(error.message).toBe(`Invalid event envelope: "${attribute}" ${rule}`);
    });

    it('reports the first bad attribute, in the order of the interface', () => {
      const error = errorFrom({ ...valid, id: '', type: 'userCreated', data: null });
      expect(error.attribute).toBe('id');
    });

    it('catches a correlationId spelt the JavaScript way, pointing to the right name', () => {
      const { correlationid, ...rest } = valid;
      const error = errorFrom({ ...rest, correlationId: correlationid });
      expect(error.attribute).toBe('correlationid');
    });
  });
});

describe('validateDecodedEnvelope (an object nobody else holds: parsed JSON, decoded headers)', () => {
  it('freezes the object itself rather than a copy, and deletes its absent attributes', () => {
    const decoded: Record<string, unknown> = { ...valid, subject: null, note: undefined };
    const event = validateDecodedEnvelope(decoded);
    expect(event).toBe(decoded);
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.keys(event)).not.toContain('subject');
    expect(Object.keys(event)).not.toContain('note');
    expect(event).toEqual(without('subject'));
  });

  it.each(REJECTIONS)('rejects %s as validateEnvelope does', (_case, value, attribute, rule) => {
    const copy =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : value;
    let error: unknown;
    try {
      validateDecodedEnvelope(copy);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvelopeValidationError);
    expect(error).toMatchObject({ attribute, rule });
  });
});
