import { brokerProbeCase } from './broker-probe.case';
import { deferred } from './deferred';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { eventLoopTurns, waitFor } from './wait-for';

/** Graceful drain on close, and volume. */
export function lifecycleCases(ctx: PubSubContractContext): void {
  const { timeoutMs, caseTimeoutMs } = ctx;

  brokerProbeCase(ctx.features.sharedAcrossProcesses, () => ctx.open(), caseTimeoutMs);

  it(
    'closing a subscription waits for its in-flight handler and leaves later events to the group',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('drain'), uniqueName('group')];
      const started = deferred();
      const release = deferred();
      const order: string[] = [];
      const handledByFirst: string[] = [];
      const subscription = await pubsub.subscribe(
        topic,
        async (event) => {
          handledByFirst.push(event.id);
          started.resolve();
          await release.promise;
          order.push('handler finished');
        },
        { group },
      );
      await pubsub.publish(topic, testEvent());
      await started.promise;

      const closing = subscription.close().then(() => order.push('closed'));
      const later = testEvent();
      try {
        await eventLoopTurns();
        expect(order).toEqual([]);
        await pubsub.publish(topic, later);
      } finally {
        release.resolve();
      }
      await closing;
      expect(order).toEqual(['handler finished', 'closed']);

      const handledBySuccessor: string[] = [];
      await pubsub.subscribe(
        topic,
        async (event) => {
          handledBySuccessor.push(event.id);
        },
        { group },
      );
      await waitFor(() => handledBySuccessor.includes(later.id), { timeoutMs });
      expect(handledByFirst).not.toContain(later.id);
    },
    caseTimeoutMs,
  );

  it(
    'closing the pub/sub waits for in-flight handlers',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('close_all');
      const started = deferred();
      const release = deferred();
      let finished = false;
      await pubsub.subscribe(
        topic,
        async () => {
          started.resolve();
          await release.promise;
          finished = true;
        },
        { group: uniqueName('group') },
      );
      await pubsub.publish(topic, testEvent());
      await started.promise;

      let closed = false;
      const closing = pubsub.close().then(() => (closed = true));
      try {
        await eventLoopTurns();
        expect(closed).toBe(false);
      } finally {
        release.resolve();
      }
      await closing;
      expect(finished).toBe(true);
    },
    caseTimeoutMs,
  );

  it(
    `takes ${ctx.stressEvents} parallel publishes, losing none and handling none twice`,
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('stress'), uniqueName('group')];
      const count = ctx.stressEvents;
      const handled = new Map<string, number>();
      let total = 0;
      const subscription = await pubsub.subscribe(
        topic,
        async (event) => {
          handled.set(event.id, (handled.get(event.id) ?? 0) + 1);
          total += 1;
        },
        { group, concurrency: 8 },
      );
      const events = Array.from({ length: count }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 100}` }),
      );

      await Promise.all(events.map((event) => pubsub.publish(topic, event)));
      await waitFor(() => total >= count, { timeoutMs: caseTimeoutMs - timeoutMs });
      await subscription.close();
      expect(handled.size).toBe(count);
      expect(total).toBe(count);
    },
    caseTimeoutMs,
  );
}
