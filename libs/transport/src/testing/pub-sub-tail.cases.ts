import type { EventEnvelope } from '@app/envelope';
import { deferred } from './deferred';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { eventLoopTurns, waitFor } from './wait-for';

/** What a test tail saw: every event, in arrival order, and its ids. */
interface Seen {
  readonly events: EventEnvelope[];
  ids(): string[];
  has(event: EventEnvelope): boolean;
}

function seen(): Seen & { readonly handler: (event: EventEnvelope) => void } {
  const events: EventEnvelope[] = [];
  return {
    events,
    handler: (event) => void events.push(event),
    ids: () => events.map((event) => event.id),
    has: (event) => events.some((e) => e.id === event.id),
  };
}

/** Ids of `events`, for order and membership assertions. */
const idsOf = (events: readonly EventEnvelope[]): string[] => events.map((event) => event.id);

/**
 * `tail`: a live, groupless, at-most-once view of a topic for one process. Every adapter has
 * it; the cases that need a second process use two instances on one broker.
 */
export function tailCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;

  it(
    'a tail receives every event published after it started, intact and in partition order',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_order');
      const tail = seen();
      await pubsub.tail(topic, tail.handler);
      // One key: one partition on every adapter, so publish order is delivery order.
      const first = testEvent({
        partitionkey: 'one-key',
        data: { text: 'zażółć 🚀', n: [1, null] },
      });
      const rest = Array.from({ length: 20 }, () => testEvent({ partitionkey: 'one-key' }));
      await pubsub.publish(topic, first);
      await pubsub.publish(topic, rest);

      await waitFor(() => tail.events.length >= 21, { timeoutMs });
      expect(tail.ids()).toEqual(idsOf([first, ...rest]));
      expect(tail.events[0]).toEqual(first);
    },
    caseTimeoutMs,
  );

  it(
    'a tail does not receive events published before it started',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_before');
      const keys = ['a', 'b', 'c', 'd', 'e'];
      const before = keys.map((key) => testEvent({ partitionkey: key }));
      await pubsub.publish(topic, before);
      const tail = seen();
      await pubsub.tail(topic, tail.handler);
      // Each later event follows an earlier one of its key in the same partition, so an
      // earlier event delivered by mistake would have arrived before the last later one.
      const after = keys.map((key) => testEvent({ partitionkey: key }));
      await pubsub.publish(topic, after);

      await waitFor(() => after.every((event) => tail.has(event)), { timeoutMs });
      expect(tail.ids().sort()).toEqual(idsOf(after).sort());
    },
    caseTimeoutMs,
  );

  it(
    'two tails each receive every event',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_fan_out');
      const [one, two] = [seen(), seen()];
      await pubsub.tail(topic, one.handler);
      await pubsub.tail(topic, two.handler);
      const events = Array.from({ length: 30 }, (_, i) => testEvent({ partitionkey: `key-${i}` }));
      await pubsub.publish(topic, events);

      await waitFor(() => one.events.length >= 30 && two.events.length >= 30, { timeoutMs });
      expect(one.ids().sort()).toEqual(idsOf(events).sort());
      expect(two.ids().sort()).toEqual(idsOf(events).sort());
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.sharedAcrossProcesses)(
    'a tail in every instance receives what every instance published',
    async () => {
      const [a, b] = [await ctx.open(), await ctx.open()];
      const topic = uniqueName('tail_shared');
      const [inA, inB] = [seen(), seen()];
      await a.tail(topic, inA.handler);
      await b.tail(topic, inB.handler);
      const fromA = [testEvent({ partitionkey: 'k' }), testEvent({ partitionkey: 'k' })];
      const fromB = [testEvent({ partitionkey: 'k' }), testEvent({ partitionkey: 'k' })];
      await a.publish(topic, fromA[0]);
      await b.publish(topic, fromB[0]);
      await a.publish(topic, fromA[1]);
      await b.publish(topic, fromB[1]);

      const all = [fromA[0], fromB[0], fromA[1], fromB[1]];
      await waitFor(() => inA.events.length >= 4 && inB.events.length >= 4, { timeoutMs });
      // One key, published one after the other: the same order everywhere.
      expect(inA.ids()).toEqual(idsOf(all));
      expect(inB.ids()).toEqual(idsOf(all));
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.consumerGroups)(
    'a tail leaves groups alone: the group still handles every event once',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('tail_groups'), uniqueName('group')];
      const handled = new Map<string, number>();
      const count = (event: EventEnvelope) =>
        void handled.set(event.id, (handled.get(event.id) ?? 0) + 1);
      const tail = seen();
      await pubsub.tail(topic, tail.handler);
      await pubsub.subscribe(topic, async (event) => count(event), { group });
      const events = Array.from({ length: 40 }, (_, i) => testEvent({ partitionkey: `key-${i}` }));
      await pubsub.publish(topic, events);

      await waitFor(() => handled.size === 40 && tail.events.length >= 40, { timeoutMs });
      await eventLoopTurns();
      expect([...handled.values()].every((times) => times === 1)).toBe(true);
      expect(tail.ids().sort()).toEqual(idsOf(events).sort());
    },
    caseTimeoutMs,
  );

  it(
    'a handler that throws is not retried and the tail goes on',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_throws');
      const calls: string[] = [];
      const [bad, good] = [testEvent({ partitionkey: 'k' }), testEvent({ partitionkey: 'k' })];
      await pubsub.tail(topic, async (event) => {
        calls.push(event.id);
        if (event.id === bad.id) throw new Error('handler failed on purpose');
      });
      await pubsub.publish(topic, [bad, good]);

      await waitFor(() => calls.includes(good.id), { timeoutMs });
      await eventLoopTurns();
      expect(calls).toEqual([bad.id, good.id]);
    },
    caseTimeoutMs,
  );

  it(
    'closing a tail waits for its running handler, then stops delivery; closing twice is harmless',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_close');
      const started = deferred();
      const release = deferred();
      const closedTail = seen();
      let running = false;
      const subscription = await pubsub.tail(topic, async (event) => {
        closedTail.handler(event);
        running = true;
        started.resolve();
        await release.promise;
        running = false;
      });
      // A second tail shows when later events have arrived, so their absence above means it.
      const witness = seen();
      await pubsub.tail(topic, witness.handler);
      await pubsub.publish(topic, testEvent());
      await started.promise;

      let closed = false;
      const closing = subscription.close().then(() => (closed = true));
      try {
        await eventLoopTurns();
        expect(closed).toBe(false);
      } finally {
        release.resolve();
      }
      await Promise.all([closing, subscription.close()]);
      expect(running).toBe(false);
      await subscription.close();

      const later = testEvent();
      await pubsub.publish(topic, later);
      await waitFor(() => witness.has(later), { timeoutMs });
      await eventLoopTurns();
      expect(closedTail.events).toHaveLength(1);
    },
    caseTimeoutMs,
  );

  it(
    'closing the pub/sub closes its tails',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('tail_close_all');
      const tail = seen();
      const subscription = await pubsub.tail(topic, tail.handler);
      const event = testEvent();
      await pubsub.publish(topic, event);
      await waitFor(() => tail.has(event), { timeoutMs });

      await pubsub.close();
      await subscription.close();
      await expect(pubsub.tail(topic, tail.handler)).rejects.toThrow('closed');
    },
    caseTimeoutMs,
  );

  it('refuses a bad topic name or a missing handler', async () => {
    const pubsub = await ctx.open();
    await expect(pubsub.tail('NotSnake', () => undefined)).rejects.toThrow(/lower_snake/);
    const notAFunction = 'handler' as unknown as () => void;
    await expect(pubsub.tail(uniqueName('tail_args'), notAFunction)).rejects.toThrow(/function/);
  });
}
