import type { EventEnvelope } from '@app/envelope';
import type { DeliveryContext } from '../ports/event-bus.port';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

interface Delivery {
  readonly event: EventEnvelope;
  readonly context: DeliveryContext;
}

/** Publishing and receiving: the envelope, batches, late groups, other instances, restarts. */
export function deliveryCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;

  it('declares the features it is tested with', async () => {
    const pubsub = await ctx.open();
    expect(pubsub.features).toEqual(features);
  });

  it(
    'delivers a published event with its envelope intact',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('intact'), uniqueName('group')];
      const received: Delivery[] = [];
      await pubsub.subscribe(
        topic,
        async (event, context) => {
          received.push({ event, context });
        },
        { group },
      );
      const event = testEvent({
        subject: 'orders/42',
        causationid: 'cause-1',
        data: { text: 'zażółć gęślą jaźń 🚀', nested: { list: [1, 2.5, null, true] }, empty: '' },
      });
      await pubsub.publish(topic, event);

      await waitFor(() => received.length === 1, { timeoutMs });
      expect(received[0].event).toEqual(event);
      expect(received[0].context).toMatchObject({ topic, group, attempt: 1 });
      expect(received[0].context.partition).toEqual(expect.any(Number));
      expect(received[0].context.offset).toEqual(expect.any(String));
    },
    caseTimeoutMs,
  );

  it(
    'delivers every event of a batch (in order when ordering per key)',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch'), uniqueName('group')];
      const received: string[] = [];
      await pubsub.subscribe(
        topic,
        async (event) => {
          received.push(event.id);
        },
        { group },
      );
      const batch = Array.from({ length: 25 }, () => testEvent({ partitionkey: 'one-key' }));
      await pubsub.publish(topic, []);
      await pubsub.publish(topic, batch);

      await waitFor(() => received.length === batch.length, { timeoutMs });
      const ids = batch.map((event) => event.id);
      if (features.perKeyOrdering) expect(received).toEqual(ids);
      else expect([...received].sort()).toEqual([...ids].sort());
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.newGroupsStartAtOldest)(
    'a group subscribing after the events were published still receives them',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('late_group');
      const events = Array.from({ length: 5 }, () => testEvent());
      await pubsub.publish(topic, events);
      const received = new Set<string>();
      await pubsub.subscribe(
        topic,
        async (event) => {
          received.add(event.id);
        },
        { group: uniqueName('late') },
      );

      await waitFor(() => received.size === events.length, { timeoutMs });
      expect([...received].sort()).toEqual(events.map((e) => e.id).sort());
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.sharedAcrossProcesses)(
    'an instance receives what another instance published',
    async () => {
      const [publisher, subscriber] = [await ctx.open(), await ctx.open()];
      const [topic, group] = [uniqueName('shared'), uniqueName('group')];
      const received: EventEnvelope[] = [];
      await subscriber.subscribe(
        topic,
        async (event) => {
          received.push(event);
        },
        { group },
      );
      const event = testEvent();
      await publisher.publish(topic, event);

      await waitFor(() => received.length === 1, { timeoutMs });
      expect(received[0]).toEqual(event);
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.persistent)(
    'accepted events survive closing and reopening the adapter',
    async () => {
      const [topic, group] = [uniqueName('persistent'), uniqueName('group')];
      const first = await ctx.open();
      // Register the group first, so adapters that start new groups at the end pass too.
      await (await first.subscribe(topic, async () => undefined, { group })).close();
      const event = testEvent();
      await first.publish(topic, event);
      await first.close();

      const second = await ctx.open();
      const received: EventEnvelope[] = [];
      await second.subscribe(
        topic,
        async (e) => {
          received.push(e);
        },
        { group },
      );
      await waitFor(() => received.some((e) => e.id === event.id), { timeoutMs });
    },
    caseTimeoutMs,
  );
}
