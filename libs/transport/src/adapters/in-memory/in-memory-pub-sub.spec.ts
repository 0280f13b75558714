import type { EventEnvelope } from '@app/envelope';
import type { DeliveryContext, PubSub } from '../../ports/event-bus.port';
import { deferred } from '../../testing/deferred';
import { runPubSubContract } from '../../testing/pub-sub.contract';
import { silentLogger } from '../../testing/silent.logger';
import { testEvent } from '../../testing/test-event';
import { eventLoopTurns, waitFor } from '../../testing/wait-for';
import { IN_MEMORY_PUB_SUB_FEATURES, InMemoryPubSub } from './in-memory-pub-sub.adapter';
import type { InMemoryPubSubOptions } from './in-memory-pub-sub.options';
import { partitionForKey } from './key.partitioner';

runPubSubContract(
  'InMemoryPubSub',
  async () => new InMemoryPubSub({ logger: silentLogger }),
  IN_MEMORY_PUB_SUB_FEATURES,
);

describe('InMemoryPubSub', () => {
  const opened: PubSub[] = [];
  const open = (options: InMemoryPubSubOptions = {}) => {
    const pubsub = new InMemoryPubSub({ logger: silentLogger, ...options });
    opened.push(pubsub);
    return pubsub;
  };
  afterEach(() => Promise.all(opened.splice(0).map((p) => p.close())));

  const collect = async (pubsub: PubSub, topic: string, group: string) => {
    const received: { event: EventEnvelope; context: DeliveryContext }[] = [];
    const subscription = await pubsub.subscribe(
      topic,
      async (event, context) => {
        received.push({ event, context });
      },
      { group },
    );
    return { received, subscription };
  };

  describe('retention', () => {
    it('keeps events until the first group reads them, then reclaims them', async () => {
      const pubsub = open();
      await pubsub.publish('orders', [testEvent(), testEvent(), testEvent()]);
      expect(pubsub.retainedEvents('orders')).toBe(3);

      const { received } = await collect(pubsub, 'orders', 'billing');
      await waitFor(() => received.length === 3);
      await waitFor(() => pubsub.retainedEvents('orders') === 0);
    });

    it('keeps an event until every known group has committed past it', async () => {
      const pubsub = open();
      const fast = await collect(pubsub, 'orders', 'fast');
      const slow = await collect(pubsub, 'orders', 'slow');
      await slow.subscription.close();
      await pubsub.publish('orders', [testEvent(), testEvent()]);
      await waitFor(() => fast.received.length === 2);
      expect(pubsub.retainedEvents('orders')).toBe(2);

      const { received } = await collect(pubsub, 'orders', 'slow');
      await waitFor(() => received.length === 2);
      await waitFor(() => pubsub.retainedEvents('orders') === 0);
    });

    it('with retainConsumed keeps what every group read, so a new group replays it all', async () => {
      const pubsub = open({ retainConsumed: true });
      await pubsub.publish('orders', [testEvent(), testEvent(), testEvent()]);
      const first = await collect(pubsub, 'orders', 'projector');
      await waitFor(() => first.received.length === 3);
      await waitFor(async () => (await pubsub.groupLag('orders', 'projector')) === 0);
      expect(pubsub.retainedEvents('orders')).toBe(3);

      expect(await pubsub.groupLag('orders', 'replay')).toBe(3);
      const replay = await collect(pubsub, 'orders', 'replay');
      await waitFor(() => replay.received.length === 3);
      const ids = (received: typeof first.received) => received.map(({ event }) => event.id).sort();
      expect(ids(replay.received)).toEqual(ids(first.received));
    });

    it('drops the oldest events beyond maxRetainedPerPartition; a late group starts after them', async () => {
      const warnings: string[] = [];
      const pubsub = open({
        partitions: 1,
        maxRetainedPerPartition: 2,
        logger: { warn: (m) => warnings.push(m), error: () => undefined },
      });
      const slow = await pubsub.subscribe(
        't',
        async () => {
          throw new Error('never acknowledges');
        },
        { group: 'stuck' },
      );
      const events = [testEvent(), testEvent(), testEvent(), testEvent()];
      await pubsub.publish('t', events);
      expect(pubsub.retainedEvents('t')).toBe(2);
      await slow.close();

      const { received } = await collect(pubsub, 't', 'late');
      await waitFor(() => received.length === 2);
      expect(received.map((r) => r.event.id)).toEqual([events[2].id, events[3].id]);
      expect(warnings.some((w) => w.includes('dropped by the retention limit'))).toBe(true);
    });
  });

  describe('groupLag', () => {
    it('counts an event waiting to be redelivered after its handler threw', async () => {
      const pubsub = open({ redeliveryDelayMs: () => 60_000 });
      let attempts = 0;
      const failing = async () => {
        attempts += 1;
        throw new Error('fails on purpose');
      };
      await pubsub.subscribe('t', failing, { group: 'g' });
      await pubsub.publish('t', testEvent());
      await waitFor(() => attempts === 1);
      await eventLoopTurns();
      await expect(pubsub.groupLag('t', 'g')).resolves.toBe(1);
    });

    it('counts only what is retained once the cap dropped events a group never read', async () => {
      const pubsub = open({ partitions: 1, maxRetainedPerPartition: 2 });
      const release = deferred();
      await pubsub.subscribe('t', () => release.promise, { group: 'stuck' });
      try {
        await pubsub.publish('t', [
          testEvent(),
          testEvent(),
          testEvent(),
          testEvent(),
          testEvent(),
        ]);
        await expect(pubsub.groupLag('t', 'stuck')).resolves.toBe(2);
        await expect(pubsub.groupLag('t', 'never-joined')).resolves.toBe(2);
      } finally {
        release.resolve();
      }
    });

    it('asking about a group creates none: it holds back no retention', async () => {
      const pubsub = open();
      const { received } = await collect(pubsub, 'orders', 'billing');
      await expect(pubsub.groupLag('orders', 'ghost')).resolves.toBe(0);
      await pubsub.publish('orders', [testEvent(), testEvent()]);
      await waitFor(() => received.length === 2);
      await waitFor(() => pubsub.retainedEvents('orders') === 0);
      await expect(pubsub.groupLag('orders', 'ghost')).resolves.toBe(0);
    });

    it('is refused once the pub/sub is closed', async () => {
      const pubsub = open();
      await pubsub.close();
      await expect(pubsub.groupLag('t', 'g')).rejects.toThrow('closed');
    });
  });

  describe('partitions and members', () => {
    it('puts every event of a key into the partition Kafka would choose', async () => {
      const pubsub = open({ partitions: 5 });
      const { received } = await collect(pubsub, 't', 'g');
      const keys = ['alpha', 'beta', 'gamma', 'delta'];
      await pubsub.publish(
        't',
        keys.flatMap((key) => [testEvent({ partitionkey: key }), testEvent({ partitionkey: key })]),
      );

      await waitFor(() => received.length === 8);
      for (const { event, context } of received) {
        expect(context.partition).toBe(partitionForKey(event.partitionkey, 5));
      }
    });

    it('spreads partitions over members and gives them all to the last one left', async () => {
      const pubsub = open({ partitions: 4 });
      const members = await Promise.all([1, 2, 3].map(() => collect(pubsub, 't', 'g')));
      const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
      await pubsub.publish(
        't',
        keys.map((key) => testEvent({ partitionkey: key })),
      );
      const total = () => members.reduce((sum, m) => sum + m.received.length, 0);
      await waitFor(() => total() === 40);
      expect(members.every((m) => m.received.length > 0)).toBe(true);

      await members[0].subscription.close();
      await members[1].subscription.close();
      const before = members[2].received.length;
      await pubsub.publish(
        't',
        keys.map((key) => testEvent({ partitionkey: key })),
      );
      await waitFor(() => members[2].received.length === before + 40);
    });

    it('processes at most `concurrency` partitions of a member at once', async () => {
      const pubsub = open({ partitions: 8 });
      let running = 0;
      let most = 0;
      let done = 0;
      await pubsub.subscribe(
        't',
        async () => {
          running += 1;
          most = Math.max(most, running);
          await eventLoopTurns(2);
          running -= 1;
          done += 1;
        },
        { group: 'g', concurrency: 3 },
      );
      await pubsub.publish(
        't',
        Array.from({ length: 64 }, (_, i) => testEvent({ partitionkey: `k${i}` })),
      );

      await waitFor(() => done === 64);
      expect(most).toBe(3);
    });
  });

  describe('isolation', () => {
    it('hands every group its own copy, unaffected by the publisher or other handlers', async () => {
      const pubsub = open();
      const data = { items: ['a'] };
      const mutated = await collect(pubsub, 't', 'mutating');
      const clean = await collect(pubsub, 't', 'clean');
      const event = testEvent({ data });
      await pubsub.publish('t', event);
      data.items.push('changed after publish');

      await waitFor(() => mutated.received.length === 1 && clean.received.length === 1);
      (mutated.received[0].event.data as { items: string[] }).items.push('by handler');
      expect(clean.received[0].event.data).toEqual({ items: ['a'] });
    });
  });

  describe('failures', () => {
    it('turns synchronous throws and non-Error values into redeliveries, never unhandled rejections', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const pubsub = open();
        const attempts: number[] = [];
        const handler = (_event: EventEnvelope, context: DeliveryContext) => {
          attempts.push(context.attempt);
          if (context.attempt === 1) throw new Error('synchronous');
          if (context.attempt === 2) return Promise.reject('a string');
          return Promise.resolve();
        };
        await pubsub.subscribe('t', handler, { group: 'g' });
        await pubsub.publish('t', testEvent());
        await waitFor(() => attempts.length === 3);
        await eventLoopTurns();
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('waits the configured redelivery delay before each redelivery', async () => {
      const asked: number[] = [];
      const pubsub = open({
        redeliveryDelayMs: (attempt) => {
          asked.push(attempt);
          return attempt * 10;
        },
      });
      const deliveries: number[] = [];
      await pubsub.subscribe(
        't',
        async (_e, context) => {
          deliveries.push(performance.now());
          if (context.attempt < 4) throw new Error('again');
        },
        { group: 'g' },
      );
      await pubsub.publish('t', testEvent());
      await waitFor(() => deliveries.length === 4);
      expect(asked).toEqual([1, 2, 3]);
      const gaps = deliveries.slice(1).map((at, i) => at - deliveries[i]);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((i + 1) * 10 - 2));
    });
  });

  describe('arguments', () => {
    it('rejects bad options with a sentence naming them', async () => {
      expect(() => new InMemoryPubSub({ partitions: 0 })).toThrow(
        'partitions must be a positive integer, got 0',
      );
      expect(() => new InMemoryPubSub({ maxRetainedPerPartition: 1.5 })).toThrow(
        'maxRetainedPerPartition',
      );
      const pubsub = open();
      const noop = async () => undefined;
      await expect(pubsub.subscribe('t', noop, { group: '' })).rejects.toThrow(
        'group must be a non-empty string',
      );
      await expect(pubsub.subscribe('t', noop, { group: 'g', concurrency: 0 })).rejects.toThrow(
        'concurrency',
      );
    });

    it('rejects a topic that breaks the lower_snake naming rule, suggesting the right name', async () => {
      const pubsub = open();
      await expect(pubsub.publish('UserEvents', testEvent())).rejects.toThrow(
        /topic "UserEvents" must be lower_snake.*"user_events"/,
      );
      await expect(
        pubsub.subscribe('user-events', async () => undefined, { group: 'g' }),
      ).rejects.toThrow(/topic "user-events" must be lower_snake/);
      await expect(pubsub.publish('', testEvent())).rejects.toThrow(/topic/);
    });

    it('rejects a whole batch when one event lacks a partition key', async () => {
      const pubsub = open();
      const broken = { ...testEvent(), partitionkey: undefined } as unknown as EventEnvelope;
      await expect(pubsub.publish('t', [testEvent(), broken])).rejects.toThrow('partitionkey');
      expect(pubsub.retainedEvents('t')).toBe(0);
    });

    it('refuses to publish or subscribe once closed', async () => {
      const pubsub = open();
      await pubsub.close();
      await expect(pubsub.publish('t', testEvent())).rejects.toThrow('closed');
      await expect(pubsub.subscribe('t', async () => undefined, { group: 'g' })).rejects.toThrow(
        'closed',
      );
    });
  });
});
