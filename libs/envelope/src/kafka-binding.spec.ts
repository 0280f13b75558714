import { createEnvelope } from './create-envelope';
import { EnvelopeValidationError } from './envelope-validation.error';
import type { EventEnvelope } from './event-envelope';
import { fromKafkaMessage, toKafkaMessage } from './kafka-binding';
import type { KafkaHeaderValue } from './kafka-headers';
import type { IncomingKafkaMessage, OutgoingKafkaMessage } from './kafka-message';

const cause = createEnvelope({ type: 'USER_CREATED', source: '/handler-router', data: {} });

const claimAdded = createEnvelope({
  type: 'CLAIM_ADDED',
  source: '/handler-router',
  subject: 'user-42',
  time: '2024-05-01T12:00:00.000Z',
  data: { userId: 42, claim: 'admin' },
  causedBy: cause,
});

/** What a kafkajs consumer hands over for a message we produced: every byte field a Buffer. */
function delivered(message: OutgoingKafkaMessage): IncomingKafkaMessage {
  const headers: Record<string, KafkaHeaderValue> = {};
  for (const [name, value] of Object.entries(message.headers)) headers[name] = Buffer.from(value);
  return {
    key: Buffer.from(message.key),
    value: message.value,
    headers,
    timestamp: message.timestamp,
  };
}

/** A message as kcat (or any non-JS client) produces it following the README: text headers as bytes. */
function handMade(
  headers: Record<string, string>,
  value: string,
  extra: Partial<IncomingKafkaMessage> = {},
): IncomingKafkaMessage {
  const bytes: Record<string, KafkaHeaderValue> = {};
  for (const [name, text] of Object.entries(headers)) bytes[name] = Buffer.from(text);
  return { key: null, value: Buffer.from(value), headers: bytes, ...extra };
}

const requiredHeaders = {
  ce_specversion: '1.0',
  ce_id: 'kcat-1',
  ce_source: '/scripts/kcat',
  ce_type: 'USER_CREATED',
};

function errorFrom(message: IncomingKafkaMessage): EnvelopeValidationError {
  try {
    fromKafkaMessage(message);
  } catch (error) {
    if (error instanceof EnvelopeValidationError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeValidationError, but the message was accepted');
}

describe('Kafka protocol binding', () => {
  describe('binary mode (the default)', () => {
    const message = toKafkaMessage(claimAdded);

    it('carries every attribute but data in a ce_ header, and the data type in content-type', () => {
      expect(message.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: claimAdded.id,
        ce_source: '/handler-router',
        ce_type: 'CLAIM_ADDED',
        ce_time: '2024-05-01T12:00:00.000Z',
        ce_subject: 'user-42',
        ce_correlationid: cause.correlationid,
        ce_causationid: cause.id,
        ce_partitionkey: 'user-42',
        'content-type': 'application/json',
      });
    });

    it('puts the JSON data, and only the data, in the value', () => {
      expect(JSON.parse(message.value.toString())).toEqual({ userId: 42, claim: 'admin' });
    });

    it('keys the message by the partition key and stamps it with the event time', () => {
      expect(message.key).toBe('user-42');
      expect(message.timestamp).toBe(String(Date.parse('2024-05-01T12:00:00.000Z')));
    });

    it('sends no header for an attribute that is not set', () => {
      const plain = toKafkaMessage(
        createEnvelope({ type: 'USER_CREATED', source: '/x', data: {} }),
      );
      expect(Object.keys(plain.headers)).not.toContain('ce_subject');
      expect(Object.keys(plain.headers)).not.toContain('ce_causationid');
    });

    it('reads back the same envelope from what a consumer receives', () => {
      expect(fromKafkaMessage(delivered(message))).toEqual(claimAdded);
    });

    it('reads back other extensions too', () => {
      const traced = { ...claimAdded, traceparent: '00-4bf92f3577b34da6-00f067aa0ba902b7-01' };
      expect(fromKafkaMessage(delivered(toKafkaMessage(traced)))).toEqual(traced);
    });

    it('reads headers given as text or as one-element arrays too', () => {
      const arrays: Record<string, KafkaHeaderValue> = {};
      for (const [name, value] of Object.entries(message.headers)) arrays[name] = [value];
      expect(fromKafkaMessage({ ...message, headers: message.headers })).toEqual(claimAdded);
      expect(fromKafkaMessage({ ...message, headers: arrays })).toEqual(claimAdded);
    });
  });

  describe('structured mode', () => {
    const message = toKafkaMessage(claimAdded, 'structured');

    it('puts the whole event JSON in the value and says so in content-type', () => {
      expect(message.headers).toEqual({
        'content-type': 'application/cloudevents+json; charset=utf-8',
      });
      expect(JSON.parse(message.value.toString())).toEqual(claimAdded);
      expect(message.key).toBe('user-42');
      expect(message.timestamp).toBe(String(Date.parse(claimAdded.time)));
    });

    it('reads back the same envelope', () => {
      expect(fromKafkaMessage(delivered(message))).toEqual(claimAdded);
    });

    it('keeps the time as written, unlike the SDK which rewrites it to UTC', () => {
      const offset = { ...claimAdded, time: '2024-05-01T14:00:00.123456+02:00' };
      expect(fromKafkaMessage(delivered(toKafkaMessage(offset, 'structured'))).time).toBe(
        offset.time,
      );
    });

    it('fills what another producer left out, as in binary mode', () => {
      const event = fromKafkaMessage({
        key: Buffer.from('order-9'),
        value: JSON.stringify({
          specversion: '1.0',
          id: 'ext-1',
          source: 'urn:shop:checkout',
          type: 'ORDER_PLACED',
          data: { orderId: 9 },
        }),
        headers: { 'content-type': Buffer.from('application/cloudevents+json') },
        timestamp: '1714564800000',
      });
      expect(event).toMatchObject({
        partitionkey: 'order-9',
        correlationid: 'ext-1',
        time: '2024-05-01T12:00:00.000Z',
        datacontenttype: 'application/json',
      });
    });

    it('ignores ce_ headers: the value is the whole event', () => {
      const withHeader = delivered(message);
      const event = fromKafkaMessage({
        ...withHeader,
        headers: { ...withHeader.headers, ce_type: Buffer.from('SOMETHING_ELSE') },
      });
      expect(event.type).toBe('CLAIM_ADDED');
    });
  });

  describe('a message from a non-JS client (kcat) following the README', () => {
    const kcat = handMade(requiredHeaders, '{"userId": 7, "email": "ada@example.com"}', {
      key: Buffer.from('user-7'),
      timestamp: '1714564800000',
    });

    it('is accepted with only ce_specversion, ce_id, ce_source, ce_type and a JSON value', () => {
      expect(fromKafkaMessage(kcat)).toEqual({
        specversion: '1.0',
        id: 'kcat-1',
        source: '/scripts/kcat',
        type: 'USER_CREATED',
        time: '2024-05-01T12:00:00.000Z',
        datacontenttype: 'application/json',
        data: { userId: 7, email: 'ada@example.com' },
        correlationid: 'kcat-1',
        partitionkey: 'user-7',
      });
    });

    it('without a key or timestamp, is partitioned by id and timed now', () => {
      const before = Date.now();
      const event = fromKafkaMessage({ ...kcat, key: null, timestamp: undefined });
      expect(event.partitionkey).toBe('kcat-1');
      expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before);
    });

    it('treats an empty key as no key, and a ce_subject as the next best partition key', () => {
      const withSubject = handMade({ ...requiredHeaders, ce_subject: 'user-7' }, '{}', { key: '' });
      expect(fromKafkaMessage(withSubject).partitionkey).toBe('user-7');
    });

    it('prefers ce_partitionkey over the message key', () => {
      const both = handMade({ ...requiredHeaders, ce_partitionkey: 'tenant-1' }, '{}', {
        key: 'user-7',
      });
      expect(fromKafkaMessage(both).partitionkey).toBe('tenant-1');
    });

    it('accepts Content-Type spelt the HTTP way', () => {
      const spelt = handMade({ ...requiredHeaders, 'Content-Type': 'application/json' }, '[1]');
      expect(fromKafkaMessage(spelt).data).toEqual([1]);
    });

    it('ignores headers that are not about the event, even binary ones', () => {
      const extra = {
        ...kcat,
        headers: { ...kcat.headers, 'x-attempt': Buffer.from([0xff, 0xfe]) },
      };
      expect(fromKafkaMessage(extra).id).toBe('kcat-1');
    });
  });

  describe('rejects a bad message, naming the header, key or value', () => {
    it('names a ce_type header that is not UPPER_SNAKE', () => {
      const error = errorFrom(handMade({ ...requiredHeaders, ce_type: 'user.created' }, '{}'));
      expect(error.attribute).toBe('type');
      expect(error.location).toBe('Kafka header "ce_type"');
      expect(error.message).toBe(
        'Invalid event envelope: "type" (from Kafka header "ce_type") must be UPPER_SNAKE (like USER_CREATED), got "user.created": did you mean "USER_CREATED"?',
      );
    });

    it.each<[string, Record<string, string>, string, string, string]>([
      [
        'a missing ce_id',
        { ce_specversion: '1.0', ce_source: '/x', ce_type: 'USER_CREATED' },
        'id',
        'Kafka header "ce_id"',
        'is required: a binary-mode CloudEvent carries the headers ce_specversion, ce_id, ce_source, ce_type',
      ],
      [
        'another spec version',
        { ...requiredHeaders, ce_specversion: '0.3' },
        'specversion',
        'Kafka header "ce_specversion"',
        'must be "1.0" (CloudEvents 1.0), got "0.3"',
      ],
      [
        'a time that is no RFC 3339 timestamp',
        { ...requiredHeaders, ce_time: '01/05/2024 12:00' },
        'time',
        'Kafka header "ce_time"',
        'must be an RFC 3339 timestamp with a time zone (like 2024-05-01T12:00:00Z), got "01/05/2024 12:00"',
      ],
      [
        'a content type that is not JSON',
        { ...requiredHeaders, 'content-type': 'text/plain' },
        'datacontenttype',
        'Kafka header "content-type"',
        'must be JSON (application/json or a +json type) because envelopes carry only JSON data, got "text/plain"',
      ],
      [
        'an empty ce_correlationid',
        { ...requiredHeaders, ce_correlationid: '' },
        'correlationid',
        'Kafka header "ce_correlationid"',
        'must be a non-empty string, got ""',
      ],
      [
        'a ce_ header whose name is no attribute name',
        { ...requiredHeaders, 'ce_tenant-id': 't-1' },
        'tenant-id',
        'Kafka header "ce_tenant-id"',
        'is not a valid attribute name: CloudEvents attribute names are lower-case letters and digits only: did you mean "tenantid"?',
      ],
    ])('rejects %s', (_case, headers, attribute, location, rule) => {
      const error = errorFrom(handMade(headers, '{}'));
      expect(error).toMatchObject({ attribute, location, rule });
      expect(error.message).toBe(
        `Invalid event envelope: "${attribute}" (from ${location}) ${rule}`,
      );
    });

    it('rejects a value that is not JSON, naming the value', () => {
      const error = errorFrom(handMade(requiredHeaders, 'user 7 signed up'));
      expect(error).toMatchObject({ attribute: 'data', location: 'Kafka message value' });
      expect(error.rule).toMatch(
        /^must be valid JSON, as content type "application\/json" says \(/,
      );
    });

    it('rejects an empty value as a tombstone, not an event', () => {
      expect(errorFrom(handMade(requiredHeaders, ''))).toMatchObject({
        attribute: 'data',
        location: 'Kafka message value',
        rule: 'is required: the message value is empty (a tombstone, not an event)',
      });
      expect(errorFrom({ ...handMade(requiredHeaders, '{}'), value: null }).attribute).toBe('data');
    });

    it('rejects a header sent twice', () => {
      const twice = {
        ...handMade(requiredHeaders, '{}'),
        headers: { ...requiredHeaders, ce_id: [Buffer.from('a'), Buffer.from('b')] },
      };
      expect(errorFrom(twice)).toMatchObject({
        attribute: 'id',
        location: 'Kafka header "ce_id"',
        rule: 'must appear once, but it appears 2 times',
      });
    });

    it('rejects a header that is not UTF-8 text', () => {
      const latin1 = handMade(requiredHeaders, '{}');
      const headers = { ...latin1.headers, ce_subject: Buffer.from([0x63, 0x61, 0x66, 0xe9]) };
      expect(errorFrom({ ...latin1, headers })).toMatchObject({
        attribute: 'subject',
        location: 'Kafka header "ce_subject"',
        rule: 'must be UTF-8 text',
      });
    });

    it('rejects a key that is not UTF-8 text when it has to stand in for the partition key', () => {
      const binaryKey = handMade(requiredHeaders, '{}', { key: Buffer.from([0xc3, 0x28]) });
      expect(errorFrom(binaryKey)).toMatchObject({
        attribute: 'partitionkey',
        location: 'Kafka message key',
      });
    });

    it('rejects a structured value that is not JSON', () => {
      const broken = handMade({ 'content-type': 'application/cloudevents+json' }, '{"id":');
      expect(errorFrom(broken)).toMatchObject({ attribute: '(body)' });
    });

    it('rejects a structured event that breaks a rule, naming the attribute', () => {
      const json = toKafkaMessage(claimAdded, 'structured').value.toString();
      const bad = handMade(
        { 'content-type': 'application/cloudevents+json' },
        json.replace('"/handler-router"', '"not a uri"'),
      );
      expect(errorFrom(bad)).toMatchObject({ attribute: 'source', location: undefined });
    });

    it('rejects batches and other CloudEvents formats', () => {
      const batch = handMade({ 'content-type': 'application/cloudevents-batch+json' }, '[]');
      expect(errorFrom(batch)).toMatchObject({
        attribute: '(event)',
        location: 'Kafka header "content-type"',
        rule: 'must be in the CloudEvents JSON format (application/cloudevents+json); batches and other formats are not supported, got "application/cloudevents-batch+json"',
      });
    });
  });

  it('refuses to produce a message from an invalid envelope', () => {
    const handBuilt: EventEnvelope = { ...claimAdded, type: 'claimAdded' };
    expect(() => toKafkaMessage(handBuilt)).toThrow(
      expect.objectContaining({ name: 'EnvelopeValidationError', attribute: 'type' }),
    );
    expect(() => toKafkaMessage(handBuilt, 'structured')).toThrow(EnvelopeValidationError);
  });
});
