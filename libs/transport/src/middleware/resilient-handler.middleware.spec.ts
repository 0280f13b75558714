import type { EventEnvelope } from '@app/envelope';
import { InMemoryInboxStore } from '../adapters/in-memory/in-memory-inbox.store';
import type { EventPublisher } from '../ports/event-bus.port';
import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import { readDeadLetter } from './dead-letter.attributes';
import { resilientHandler } from './resilient-handler.middleware';

describe('resilientHandler()', () => {
  const deadLetters: EventEnvelope[] = [];
  const publisher: EventPublisher = {
    publish: async (_topic, events) => void deadLetters.push(...[events].flat()),
  };
  beforeEach(() => deadLetters.splice(0));

  it('retries, then dead-letters with the attempt count, then lets a replay through', async () => {
    const inbox = new InMemoryInboxStore();
    let broken = true;
    let calls = 0;
    const handler = resilientHandler(
      async () => {
        calls += 1;
        if (broken) throw new Error('bug');
      },
      { handlerName: 'billing', publisher, inbox, retry: { maxAttempts: 3, initialDelayMs: 0 } },
    );
    const event = testEvent();

    await handler(event, testDeliveryContext());
    expect(calls).toBe(3);
    expect(readDeadLetter(deadLetters[0])).toMatchObject({
      handler: 'billing',
      attempts: 3,
      error: 'bug',
    });

    // After the fix, replaying the dead letter (same id) must run, not be skipped as done.
    broken = false;
    await handler(deadLetters[0], testDeliveryContext());
    expect(calls).toBe(4);
    await handler(event, testDeliveryContext());
    expect(calls).toBe(4);
  });

  it('works without an inbox', async () => {
    let calls = 0;
    const handler = resilientHandler(async () => void (calls += 1), {
      handlerName: 'h',
      publisher,
    });
    const event = testEvent();
    await handler(event, testDeliveryContext());
    await handler(event, testDeliveryContext());
    expect(calls).toBe(2);
  });
});
