import type { EventHandlerFn } from '../ports/event-bus.port';
import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import { asBatchOfOne } from './single-event.handler';

const context = testDeliveryContext({ offset: '7' });

describe('asBatchOfOne', () => {
  it('hands the one event of a batch to the per-event handler, with its context', async () => {
    const seen: unknown[] = [];
    const event = testEvent();
    await asBatchOfOne(async (e, c) => void seen.push([e.id, c.offset]))([{ event, context }]);
    expect(seen).toEqual([[event.id, '7']]);
  });

  it('rejects a batch of more than one event', async () => {
    const handler = asBatchOfOne(async () => undefined);
    const delivery = { event: testEvent(), context };
    await expect(handler([delivery, delivery])).rejects.toThrow(
      'a per-event handler got 2 events at once',
    );
  });

  it('turns a handler that throws before returning a promise into a rejection', async () => {
    const throwing = (() => {
      throw new Error('boom');
    }) as unknown as EventHandlerFn;
    const result = asBatchOfOne(throwing)([{ event: testEvent(), context }]);
    await expect(result).rejects.toThrow('boom');
  });

  it('resolves for a plain JavaScript handler that returns nothing', async () => {
    const plain = (() => undefined) as unknown as EventHandlerFn;
    await expect(asBatchOfOne(plain)([{ event: testEvent(), context }])).resolves.toBeUndefined();
  });
});
