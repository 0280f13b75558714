import { InMemoryInboxStore } from '../adapters/in-memory/in-memory-inbox.store';
import { testDeliveryContext } from '../testing/test-delivery-context';
import { testEvent } from '../testing/test-event';
import { idempotent } from './idempotent.middleware';

describe('idempotent()', () => {
  it('calls the handler once per event id and consumer', async () => {
    const inbox = new InMemoryInboxStore();
    const calls: string[] = [];
    const billing = idempotent({ inbox, consumer: 'billing' })(
      async (e) => void calls.push(`billing ${e.id}`),
    );
    const audit = idempotent({ inbox, consumer: 'audit' })(
      async (e) => void calls.push(`audit ${e.id}`),
    );
    const event = testEvent({ id: 'e1' });
    for (const handler of [billing, billing, audit, audit])
      await handler(event, testDeliveryContext());
    expect(calls).toEqual(['billing e1', 'audit e1']);
  });

  it('marks an event only after the handler succeeded', async () => {
    const inbox = new InMemoryInboxStore();
    let calls = 0;
    const handler = idempotent({ inbox, consumer: 'c' })(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first try fails');
    });
    const event = testEvent();
    await expect(handler(event, testDeliveryContext())).rejects.toThrow('first try fails');
    expect(await inbox.isProcessed('c', event.id)).toBe(false);
    await handler(event, testDeliveryContext());
    await handler(event, testDeliveryContext());
    expect(calls).toBe(2);
  });

  it('needs a consumer name', () => {
    expect(() => idempotent({ inbox: new InMemoryInboxStore(), consumer: '' })).toThrow(
      'idempotent consumer',
    );
  });
});
