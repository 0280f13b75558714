import type { EventEnvelope } from '@app/envelope';
import type { EventPublisher } from '../ports/event-bus.port';
import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import { readDeadLetter } from './dead-letter.attributes';
import { deadLetter } from './dead-letter.middleware';
import { RetryExhaustedError } from './retry-exhausted.error';

describe('deadLetter()', () => {
  const published: { topic: string; events: EventEnvelope | readonly EventEnvelope[] }[] = [];
  const publisher: EventPublisher = {
    publish: async (topic, events) => void published.push({ topic, events }),
  };
  const now = () => new Date('2026-11-23T10:00:00.000Z');
  beforeEach(() => published.splice(0));

  it('publishes the event with its failure to <topic>.dlq and acknowledges it', async () => {
    const event = testEvent();
    const handler = deadLetter({ publisher, handlerName: 'billing', now })(async () => {
      throw new RetryExhaustedError(new RangeError('amount out of range'), 4);
    });
    await handler(
      event,
      testDeliveryContext({ topic: 'orders', group: 'billing_group', attempt: 2 }),
    );

    expect(published).toHaveLength(1);
    expect(published[0].topic).toBe('orders.dlq');
    expect(published[0].events).toEqual({
      ...event,
      dlqerror: 'amount out of range',
      dlqerrortype: 'RangeError',
      dlqtopic: 'orders',
      dlqgroup: 'billing_group',
      dlqhandler: 'billing',
      dlqattempts: 4,
      dlqdeliveryattempt: 2,
      dlqfailedat: '2026-11-23T10:00:00.000Z',
    });
  });

  it('counts one attempt without retry middleware and honours topicFor', async () => {
    const handler = deadLetter({ publisher, handlerName: 'h', topicFor: (t) => `dead_${t}` })(
      async () => {
        throw 'a bare string';
      },
    );
    await handler(testEvent(), testDeliveryContext({ topic: 'orders' }));
    expect(published[0].topic).toBe('dead_orders');
    expect(readDeadLetter(published[0].events as EventEnvelope)).toMatchObject({
      error: 'a bare string',
      errorType: 'string',
      attempts: 1,
    });
  });

  it('rethrows, so the event is redelivered, when the dead-letter publish fails', async () => {
    const down: EventPublisher = { publish: async () => Promise.reject(new Error('broker down')) };
    const handler = deadLetter({ publisher: down, handlerName: 'h' })(async () => {
      throw new Error('handler bug');
    });
    await expect(
      handler(testEvent({ id: 'e-1' }), testDeliveryContext({ topic: 't' })),
    ).rejects.toThrow(
      'could not dead-letter event e-1 to "t.dlq" (broker down); it stays unacknowledged: handler bug',
    );
  });

  it('rethrows without dead-lettering when the failure comes from closing', async () => {
    const closing = new AbortController();
    closing.abort();
    const handler = deadLetter({ publisher, handlerName: 'h' })(async () => {
      throw new Error('interrupted');
    });
    await expect(
      handler(testEvent(), testDeliveryContext({ signal: closing.signal })),
    ).rejects.toThrow('interrupted');
    expect(published).toEqual([]);
  });

  it('passes successes through untouched', async () => {
    const handler = deadLetter({ publisher, handlerName: 'h' })(async () => undefined);
    await handler(testEvent(), testDeliveryContext());
    expect(published).toEqual([]);
  });

  it('needs a handler name', () => {
    expect(() => deadLetter({ publisher, handlerName: '' })).toThrow(
      'deadLetter handlerName must be a non-empty string',
    );
  });
});

describe('readDeadLetter()', () => {
  const attributes = {
    dlqerror: 'boom',
    dlqerrortype: 'Error',
    dlqtopic: 'orders',
    dlqgroup: 'g',
    dlqhandler: 'h',
    dlqfailedat: '2026-11-23T10:00:00.000Z',
  };

  it('accepts integers carried as strings (Kafka headers)', () => {
    const event = { ...testEvent(), ...attributes, dlqattempts: '3', dlqdeliveryattempt: '1' };
    expect(readDeadLetter(event)).toMatchObject({ error: 'boom', attempts: 3, deliveryAttempt: 1 });
  });

  it('returns undefined for an event that was not dead-lettered', () => {
    expect(readDeadLetter(testEvent())).toBeUndefined();
    const partial = { ...testEvent(), ...attributes, dlqattempts: 'three', dlqdeliveryattempt: 1 };
    expect(readDeadLetter(partial)).toBeUndefined();
  });
});
