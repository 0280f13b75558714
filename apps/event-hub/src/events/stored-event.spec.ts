import { eventId, newStoredEvent } from './stored-event';

describe('newStoredEvent', () => {
  const receivedAt = new Date('2024-01-15T10:30:01.500Z');
  const input = {
    user_id: 'user123',
    event_type: 'purchase' as const,
    amount: 150.75,
    timestamp: '2024-01-15T10:30:00.123456',
  };

  it('keeps the fields, reads the timestamp as a Date and stamps the reception', () => {
    const event = newStoredEvent(input, receivedAt);

    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/),
      user_id: 'user123',
      event_type: 'purchase',
      amount: 150.75,
      timestamp: new Date('2024-01-15T10:30:00.123Z'),
      idempotency_key: null,
      received_at: receivedAt,
    });
  });

  it('gives events without a key ids that sort in the order they were made', () => {
    const ids = Array.from({ length: 1000 }, () => eventId(input));

    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  it("gives the same id to the same user's same key, and another to another user's", () => {
    const keyed = { ...input, idempotency_key: 'order-42' };

    expect(newStoredEvent(keyed, receivedAt).id).toBe(newStoredEvent(keyed, new Date()).id);
    expect(eventId(keyed)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(eventId({ ...keyed, user_id: 'user124' })).not.toBe(eventId(keyed));
    expect(newStoredEvent(keyed, receivedAt).idempotency_key).toBe('order-42');
  });
});
