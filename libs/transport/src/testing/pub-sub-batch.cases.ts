import type { Delivery, PubSub } from '../ports/event-bus.port';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** What a batch handler was called with, as the cases compare it. */
interface Call {
  readonly ids: readonly string[];
  readonly attempts: readonly number[];
  readonly partitions: readonly number[];
}

function callOf(deliveries: readonly Delivery[]): Call {
  return {
    ids: deliveries.map((d) => d.event.id),
    attempts: deliveries.map((d) => d.context.attempt),
    partitions: deliveries.map((d) => d.context.partition),
  };
}

/**
 * `subscribeBatch`: batch size and order, redelivery of a failed batch, one batch per
 * partition at a time. Lifecycle and volume are in `pub-sub-batch-lifecycle.cases.ts`.
 */
export function batchCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;
  const caseIfOrdered = ctx.caseIf(features.perKeyOrdering);

  it('rejects a maxBatchSize that is not a positive integer, naming it', async () => {
    const pubsub = await ctx.open();
    await expect(
      pubsub.subscribeBatch(uniqueName('bad_size'), async () => undefined, {
        group: uniqueName('group'),
        maxBatchSize: 0,
      }),
    ).rejects.toThrow('maxBatchSize must be a positive integer');
  });

  it(
    'hands every event over once, in batches of at most maxBatchSize, each of one partition in publish order',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batches'), uniqueName('group')];
      const maxBatchSize = 7;
      const events = Array.from({ length: 100 }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 6}` }),
      );
      const publishIndex = new Map(events.map((event, i) => [event.id, i]));
      const calls: Call[] = [];
      const subscribe = () =>
        pubsub.subscribeBatch(topic, async (deliveries) => void calls.push(callOf(deliveries)), {
          group,
          maxBatchSize,
        });
      // Published first where a new group still reads them, so batches have something to fill.
      const publishFirst = features.newGroupsStartAtOldest;
      if (!publishFirst) await subscribe();
      for (let i = 0; i < events.length; i += 25)
        await pubsub.publish(topic, events.slice(i, i + 25));
      if (publishFirst) await subscribe();

      const delivered = () => calls.reduce((sum, call) => sum + call.ids.length, 0);
      await waitFor(() => delivered() >= events.length, { timeoutMs });
      const ids = calls.flatMap((call) => call.ids);
      expect([...ids].sort()).toEqual(events.map((event) => event.id).sort());
      for (const call of calls) {
        expect(call.ids.length).toBeGreaterThan(0);
        expect(call.ids.length).toBeLessThanOrEqual(maxBatchSize);
        expect(new Set(call.partitions).size).toBe(1);
        const order = call.ids.map((id) => publishIndex.get(id) ?? -1);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      if (publishFirst)
        expect(Math.max(...calls.map((call) => call.ids.length))).toBe(maxBatchSize);
    },
    caseTimeoutMs,
  );

  it(
    'redelivers a failed batch whole, each event with attempt + 1 (and, ordering per key, nothing of its partition overtakes it)',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_redeliver'), uniqueName('group')];
      const first = Array.from({ length: 5 }, () => testEvent({ partitionkey: 'held' }));
      const later = Array.from({ length: 5 }, () => testEvent({ partitionkey: 'held' }));
      const calls: (Call & { readonly failed: boolean })[] = [];
      await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          const call = callOf(deliveries);
          const holdsFirst = call.ids.includes(first[0].id);
          const attempt = call.attempts[call.ids.indexOf(first[0].id)];
          // Fails twice on the batch holding the first event, then lets it through.
          const failed = holdsFirst && attempt < 3;
          calls.push({ ...call, failed });
          if (failed) throw new Error(`failing attempt ${attempt}`);
        },
        { group, maxBatchSize: 20 },
      );
      await pubsub.publish(topic, first);
      await waitFor(() => calls.some((call) => call.failed), { timeoutMs });
      // Published while the failed batch waits for its redelivery: must queue up behind it.
      await pubsub.publish(topic, later);

      const succeeded = () => calls.filter((call) => !call.failed).flatMap((call) => call.ids);
      await waitFor(() => new Set(succeeded()).size === first.length + later.length, {
        timeoutMs,
      });
      const [failedOnce, failedTwice] = calls.filter((call) => call.failed);
      const passed = calls.find((call) => !call.failed && call.ids.includes(first[0].id));
      expect(failedOnce.ids.slice(0, first.length)).toEqual(first.map((e) => e.id));
      for (const [next, previous] of [
        [failedTwice, failedOnce],
        [passed, failedTwice],
      ] as const) {
        // The same events again, first in the batch, each one delivery further on.
        expect(next?.ids.slice(0, previous.ids.length)).toEqual(previous.ids);
        expect(next?.attempts.slice(0, previous.ids.length)).toEqual(
          previous.attempts.map((attempt) => attempt + 1),
        );
      }
      if (features.perKeyOrdering) {
        expect(succeeded()).toEqual([...first, ...later].map((e) => e.id));
      }
    },
    caseTimeoutMs,
  );

  caseIfOrdered(
    'never runs two batches of one partition at once, whatever the concurrency',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_exclusive'), uniqueName('group')];
      const running = new Map<number, number>();
      const overlaps: number[] = [];
      let delivered = 0;
      await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          const { partition } = deliveries[0].context;
          running.set(partition, (running.get(partition) ?? 0) + 1);
          if ((running.get(partition) ?? 0) > 1) overlaps.push(partition);
          // Yield, so the adapter has every chance to start another batch meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 1));
          running.set(partition, (running.get(partition) ?? 1) - 1);
          delivered += deliveries.length;
        },
        { group, concurrency: 4, maxBatchSize: 5 },
      );
      const events = Array.from({ length: 200 }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 30}` }),
      );
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          pubsub.publish(topic, events.slice(i * 20, i * 20 + 20)),
        ),
      );

      await waitFor(() => delivered >= events.length, { timeoutMs });
      expect(overlaps).toEqual([]);
    },
    caseTimeoutMs,
  );

  it(
    'runs per-event and batch subscriptions of separate groups on one topic side by side',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('mixed');
      const perEvent = new Set<string>();
      const batched = new Set<string>();
      await pubsub.subscribe(topic, async (event) => void perEvent.add(event.id), {
        group: uniqueName('single'),
      });
      await subscribeCollecting(pubsub, topic, uniqueName('batched'), batched);
      const events = Array.from({ length: 30 }, () => testEvent());
      await pubsub.publish(topic, events);

      await waitFor(() => perEvent.size === 30 && batched.size === 30, { timeoutMs });
    },
    caseTimeoutMs,
  );
}

/** A batch subscription that adds every event id it gets to `into`. */
export function subscribeCollecting(
  pubsub: PubSub,
  topic: string,
  group: string,
  into: Set<string>,
  options: { readonly concurrency?: number; readonly maxBatchSize?: number } = {},
): ReturnType<PubSub['subscribeBatch']> {
  return pubsub.subscribeBatch(
    topic,
    async (deliveries) => {
      for (const { event } of deliveries) into.add(event.id);
    },
    { group, ...options },
  );
}
