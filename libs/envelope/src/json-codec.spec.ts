import { createEnvelope } from './create-envelope';
import { EnvelopeValidationError } from './envelope-validation.error';
import type { EventEnvelope } from './event-envelope';
import { deserializeEnvelope, serializeEnvelope } from './json-codec';

const event = createEnvelope({
  type: 'CLAIM_ADDED',
  source: '/handler-router',
  subject: 'user-42',
  data: { userId: 42, claim: 'admin', tags: ['a', 'b'], note: null },
});

describe('JSON codec (CloudEvents JSON format)', () => {
  it('writes the attributes with the data inline', () => {
    expect(JSON.parse(serializeEnvelope(event))).toEqual({
      specversion: '1.0',
      id: event.id,
      source: '/handler-router',
      type: 'CLAIM_ADDED',
      subject: 'user-42',
      time: event.time,
      datacontenttype: 'application/json',
      correlationid: event.id,
      partitionkey: 'user-42',
      data: { userId: 42, claim: 'admin', tags: ['a', 'b'], note: null },
    });
  });

  it('reads back what it wrote, from text or from bytes', () => {
    const json = serializeEnvelope(event);
    expect(deserializeEnvelope(json)).toEqual(event);
    expect(deserializeEnvelope(Buffer.from(json))).toEqual(event);
  });

  it('keeps the time exactly as written, offset and sub-millisecond digits included', () => {
    const precise = { ...event, time: '2024-05-01T14:00:00.123456+02:00' };
    expect(deserializeEnvelope(serializeEnvelope(precise)).time).toBe(precise.time);
  });

  it('reads an event written by another CloudEvents SDK, keeping its extensions', () => {
    const json = JSON.stringify({
      specversion: '1.0',
      id: 'A234-1234-1234',
      source: 'urn:shop:checkout',
      type: 'ORDER_PLACED',
      time: '2024-05-01T12:00:00Z',
      datacontenttype: 'application/json',
      correlationid: 'A234-1234-1234',
      partitionkey: 'order-9',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: { orderId: 9 },
    });
    expect(deserializeEnvelope(json)).toMatchObject({
      type: 'ORDER_PLACED',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: { orderId: 9 },
    });
  });

  it('rejects text that is not JSON as "(body)"', () => {
    expect(() => deserializeEnvelope('{"specversion": "1.0",')).toThrow(
      expect.objectContaining({
        attribute: '(body)',
        message: expect.stringMatching(/^Invalid event envelope: "\(body\)" must be valid JSON \(/),
      }),
    );
  });

  it('rejects JSON that is not an event, naming the attribute', () => {
    const json = serializeEnvelope(event).replace('"CLAIM_ADDED"', '"claim-added"');
    expect(() => deserializeEnvelope(json)).toThrow(
      new EnvelopeValidationError(
        'type',
        'must be UPPER_SNAKE (like USER_CREATED), got "claim-added": did you mean "CLAIM_ADDED"?',
      ),
    );
  });

  it('refuses to write an invalid envelope built by hand', () => {
    const handMade = { ...event, partitionkey: '' };
    expect(() => serializeEnvelope(handMade)).toThrow(
      expect.objectContaining({ attribute: 'partitionkey' }),
    );
  });

  it('refuses to write data that JSON cannot hold, naming "data"', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const handMade: EventEnvelope = { ...event, data: circular };
    expect(() => serializeEnvelope(handMade)).toThrow(
      expect.objectContaining({
        attribute: 'data',
        message: expect.stringContaining('must be serialisable as JSON'),
      }),
    );
  });
});
