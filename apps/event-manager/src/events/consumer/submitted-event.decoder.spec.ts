import { createEnvelope } from '@app/envelope';
import { InputValidationError } from '@app/platform';
import type { ForeignMessage } from '@app/transport';
import { EventManagerEventType } from '../events.topic';
import { adoptBareMessage, BARE_MESSAGE_SOURCE, toStoredEvent } from './submitted-event.decoder';

function bare(value: string | null, offset = '42'): ForeignMessage {
  return {
    topic: 'events',
    partition: 1,
    offset,
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers: {},
    timestamp: String(Date.parse('2025-03-02T12:00:00Z')),
  };
}

async function violations(run: () => Promise<unknown>) {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  return (error as InputValidationError).violations;
}

describe("adoptBareMessage: the seed's producer message", () => {
  it('turns {"name": "Test", "source": "users"} into an EVENT_SUBMITTED stamped on arrival', async () => {
    const envelope = adoptBareMessage(bare('{"name": "Test", "source": "users"}'));

    expect(envelope).toMatchObject({
      type: EventManagerEventType.EVENT_SUBMITTED,
      source: BARE_MESSAGE_SOURCE,
      time: '2025-03-02T12:00:00.000Z',
      data: { name: 'Test', source: 'users' },
    });
    expect(await toStoredEvent(envelope)).toEqual({
      uuid: envelope.id,
      name: 'Test',
      source: 'users',
      description: null,
      createdAt: new Date('2025-03-02T12:00:00Z'),
      updatedAt: new Date('2025-03-02T12:00:00Z'),
    });
  });

  it('gives the same message the same uuid every time, and another offset another one', () => {
    const once = adoptBareMessage(bare('{"name": "Test", "source": "users"}'));
    const redelivered = adoptBareMessage(bare('{"name": "Test", "source": "users"}'));
    const next = adoptBareMessage(bare('{"name": "Test", "source": "users"}', '43'));

    expect(redelivered.id).toBe(once.id);
    expect(next.id).not.toBe(once.id);
    expect(once.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['an empty message', null, '(value)', /is empty/],
    ['a value that is no JSON', 'name=Test', '(value)', /is not JSON/],
  ])('refuses %s, naming the reason', (_case, value, field, reason) => {
    expect(() => adoptBareMessage(bare(value))).toThrow(InputValidationError);
    try {
      adoptBareMessage(bare(value));
    } catch (error) {
      expect((error as InputValidationError).violations).toEqual([
        { field, reason: expect.stringMatching(reason) },
      ]);
    }
  });
});

describe('toStoredEvent: the rules of the API for messages', () => {
  const envelope = (data: unknown, type: string = EventManagerEventType.EVENT_SUBMITTED) =>
    createEnvelope({ type, source: '/test', data });

  it('keeps the uuid and timestamps createEventAsync assigned', async () => {
    const event = createEnvelope({
      id: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11',
      type: EventManagerEventType.EVENT_SUBMITTED,
      source: '/event-manager',
      data: {
        uuid: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11',
        name: '  Async Event  ',
        source: 'products',
        description: 'Asynchroniczne przetwarzanie',
        createdAt: '2025-03-02T12:05:00.000Z',
        updatedAt: '2025-03-02T12:05:00.000Z',
      },
    });

    expect(await toStoredEvent(event)).toEqual({
      uuid: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11',
      name: 'Async Event',
      source: 'products',
      description: 'Asynchroniczne przetwarzanie',
      createdAt: new Date('2025-03-02T12:05:00Z'),
      updatedAt: new Date('2025-03-02T12:05:00Z'),
    });
  });

  it.each([
    ['an unknown source', { name: 'x', source: 'orders' }, 'source', /one of: users, products/],
    ['no name', { source: 'users' }, 'name', /string/],
    ['an over-long name', { name: 'n'.repeat(256), source: 'users' }, 'name', /255/],
    ['a malformed uuid', { uuid: 'nope', name: 'x', source: 'users' }, 'uuid', /UUID/],
    [
      'a bad timestamp',
      { name: 'x', source: 'users', createdAt: 'yesterday' },
      'createdAt',
      /ISO 8601/,
    ],
    ['data that is no object', 'Test', '(body)', /JSON object/],
  ])('rejects %s, naming the field', async (_case, data, field, reason) => {
    expect(await violations(() => toStoredEvent(envelope(data)))).toEqual([
      { field, reason: expect.stringMatching(reason) },
    ]);
  });

  it('rejects a uuid that differs from the event id, which is the idempotency key', async () => {
    const data = { uuid: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11', name: 'x', source: 'users' };

    expect(await violations(() => toStoredEvent(envelope(data)))).toEqual([
      { field: 'uuid', reason: expect.stringMatching(/must equal the event id/) },
    ]);
  });

  it('rejects another event type on the topic', async () => {
    expect(await violations(() => toStoredEvent(envelope({}, 'USER_CREATED')))).toEqual([
      { field: 'type', reason: expect.stringMatching(/USER_CREATED.*EVENT_SUBMITTED/) },
    ]);
  });
});
