import type { EventEnvelope } from '@app/envelope';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

interface Labelled {
  readonly label: string;
}

interface Sequenced {
  readonly key: string;
  readonly seq: number;
}

/** Redelivery of unacknowledged events and the order of events of one key. */
export function orderingCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;
  const caseIfOrdered = ctx.caseIf(features.perKeyOrdering);

  it(
    'redelivers an event whose handler threw, counting the attempts',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('redeliver'), uniqueName('group')];
      const attempts: number[] = [];
      const handled: EventEnvelope[] = [];
      await pubsub.subscribe(
        topic,
        async (event, context) => {
          attempts.push(context.attempt);
          if (context.attempt < 3) throw new Error(`failing attempt ${context.attempt}`);
          handled.push(event);
        },
        { group },
      );
      const event = testEvent();
      await pubsub.publish(topic, event);

      await waitFor(() => handled.length === 1, { timeoutMs });
      expect(attempts).toEqual([1, 2, 3]);
      expect(handled[0]).toEqual(event);
    },
    caseTimeoutMs,
  );

  caseIfOrdered(
    'an unacknowledged event holds back the next one of its key while other keys proceed',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('hold_back'), uniqueName('group')];
      const succeeded: string[] = [];
      let heldAttempts = 0;
      await pubsub.subscribe(
        topic,
        async (event) => {
          const { label } = event.data as Labelled;
          if (label === 'held-1') {
            heldAttempts += 1;
            // Stays unacknowledged until some other key got through: proves they are not blocked.
            if (!succeeded.some((done) => done.startsWith('other'))) {
              throw new Error('not yet');
            }
          }
          succeeded.push(label);
        },
        { group, concurrency: 4 },
      );
      const held = ['held-1', 'held-2'].map((label) =>
        testEvent({ partitionkey: 'held', data: { label } }),
      );
      const others = Array.from({ length: 16 }, (_, i) =>
        testEvent({ partitionkey: `other-${i}`, data: { label: `other-${i}` } }),
      );
      await pubsub.publish(topic, held);
      await pubsub.publish(topic, others);

      await waitFor(() => succeeded.length === held.length + others.length, { timeoutMs });
      expect(heldAttempts).toBeGreaterThan(1);
      expect(succeeded.indexOf('held-2')).toBeGreaterThan(succeeded.indexOf('held-1'));
      expect(succeeded.findIndex((l) => l.startsWith('other'))).toBeLessThan(
        succeeded.indexOf('held-1'),
      );
    },
    caseTimeoutMs,
  );

  caseIfOrdered(
    'keeps per-key order over many keys with interleaved publishes',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('key_order'), uniqueName('group')];
      const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
      const perKey = 25;
      const seen = new Map<string, number[]>();
      let total = 0;
      await pubsub.subscribe(
        topic,
        async (event) => {
          const { key, seq } = event.data as Sequenced;
          // Vary handler timing so partitions overtake each other.
          if (seq % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
          seen.set(key, [...(seen.get(key) ?? []), seq]);
          total += 1;
        },
        { group, concurrency: 4 },
      );

      // Keys publish concurrently; each key's events go out one after another.
      await Promise.all(
        keys.map(async (key) => {
          for (let seq = 0; seq < perKey; seq++) {
            await pubsub.publish(topic, testEvent({ partitionkey: key, data: { key, seq } }));
          }
        }),
      );

      await waitFor(() => total === keys.length * perKey, { timeoutMs });
      const expected = Array.from({ length: perKey }, (_, seq) => seq);
      for (const key of keys) expect(seen.get(key)).toEqual(expected);
    },
    caseTimeoutMs,
  );
}
