import type { EventEnvelope } from '@app/envelope';
import type { PubSub } from '../ports/event-bus.port';
import { deferred } from './deferred';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** `count` events of one key: one partition everywhere, so they queue behind each other. */
const oneKey = (count: number, key = 'lag-key'): EventEnvelope[] =>
  Array.from({ length: count }, () => testEvent({ partitionkey: key }));

/**
 * `groupLag`: what a group has not acknowledged, read from the broker. Lags move as the
 * broker learns of publishes and acknowledgements (Kafka commits on an interval, Redis
 * coalesces XACKs), so every expected value is waited for, then held to exactly.
 */
export function lagCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;
  const caseIfGroups = ctx.caseIf(features.consumerGroups);

  /** Resolves once `group`'s lag on `topic` is `expected`; the timeout says the last one. */
  async function lagBecomes(
    pubsub: PubSub,
    topic: string,
    group: string,
    expected: number,
  ): Promise<void> {
    let last: number | undefined;
    await waitFor(async () => (last = await pubsub.groupLag(topic, group)) === expected, {
      timeoutMs,
      intervalMs: 20,
      message: `lag of group "${group}" to become ${expected} (last read: ${last})`,
    });
  }

  caseIfGroups(
    'a topic nobody published to lags by nothing, for a member group and for any other',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('lag_new'), uniqueName('group')];
      await expect(pubsub.groupLag(topic, group)).resolves.toBe(0);

      await pubsub.subscribe(topic, async () => undefined, { group });
      await expect(pubsub.groupLag(topic, group)).resolves.toBe(0);
      await expect(pubsub.groupLag(topic, uniqueName('stranger'))).resolves.toBe(0);
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.consumerGroups && features.newGroupsStartAtOldest)(
    'a group that never subscribed lags by every retained event, growing with each publish',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('lag_grows'), uniqueName('group')];
      await pubsub.publish(topic, oneKey(3));
      await lagBecomes(pubsub, topic, group, 3);

      await pubsub.publish(topic, [...oneKey(2), ...oneKey(2, 'other-key')]);
      await lagBecomes(pubsub, topic, group, 7);
    },
    caseTimeoutMs,
  );

  caseIfGroups(
    'an event delivered but not yet acknowledged still counts; the lag is 0 once all are handled',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('lag_in_flight'), uniqueName('group')];
      const started = deferred();
      const release = deferred();
      const handled = new Set<string>();
      await pubsub.subscribe(
        topic,
        async (event) => {
          started.resolve();
          await release.promise;
          handled.add(event.id);
        },
        { group },
      );
      try {
        await pubsub.publish(topic, oneKey(3));
        await started.promise;
        // One in the handler, two behind it (undelivered, or fetched and waiting).
        await lagBecomes(pubsub, topic, group, 3);
        expect(handled.size).toBe(0);
      } finally {
        release.resolve();
      }
      await waitFor(() => handled.size === 3, { timeoutMs });
      await lagBecomes(pubsub, topic, group, 0);
    },
    caseTimeoutMs,
  );

  caseIfGroups(
    'each group has its own lag',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('lag_groups');
      const [quick, stuck] = [uniqueName('quick'), uniqueName('stuck')];
      const quickHandled = new Set<string>();
      const release = deferred();
      await pubsub.subscribe(topic, async (event) => void quickHandled.add(event.id), {
        group: quick,
      });
      await pubsub.subscribe(topic, () => release.promise, { group: stuck });
      try {
        await pubsub.publish(topic, oneKey(2));
        await waitFor(() => quickHandled.size === 2, { timeoutMs });
        await lagBecomes(pubsub, topic, quick, 0);
        await expect(pubsub.groupLag(topic, stuck)).resolves.toBe(2);
      } finally {
        release.resolve();
      }
      await lagBecomes(pubsub, topic, stuck, 0);
    },
    caseTimeoutMs,
  );

  it('refuses a bad topic name or an empty group', async () => {
    const pubsub = await ctx.open();
    await expect(pubsub.groupLag('NotSnake', 'group')).rejects.toThrow(/lower_snake/);
    await expect(pubsub.groupLag(uniqueName('lag_args'), '')).rejects.toThrow(/group/);
  });
}
