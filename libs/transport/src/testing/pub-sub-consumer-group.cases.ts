import type { EventEnvelope } from '@app/envelope';
import { deferred } from './deferred';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** Members of one group share the work; separate groups each get everything; hand-over. */
export function consumerGroupCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;
  const caseIfGroups = ctx.caseIf(features.consumerGroups);

  caseIfGroups(
    'members of one group share the events, each handled once',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('share'), uniqueName('group')];
      const handledBy = new Map<string, string[]>();
      const member = (name: string) => async (event: EventEnvelope) => {
        handledBy.set(event.id, [...(handledBy.get(event.id) ?? []), name]);
      };
      const first = await pubsub.subscribe(topic, member('first'), { group });
      const second = await pubsub.subscribe(topic, member('second'), { group });
      const events = Array.from({ length: 200 }, (_, i) => testEvent({ partitionkey: `key-${i}` }));
      await pubsub.publish(topic, events);

      await waitFor(() => handledBy.size === events.length, { timeoutMs });
      await Promise.all([first.close(), second.close()]);
      const handlers = [...handledBy.values()];
      expect(handlers.every((names) => names.length === 1)).toBe(true);
      expect(handlers.some(([name]) => name === 'first')).toBe(true);
      expect(handlers.some(([name]) => name === 'second')).toBe(true);
    },
    caseTimeoutMs,
  );

  caseIfGroups(
    'each of two groups receives every event',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('two_groups');
      const [billing, audit] = [new Set<string>(), new Set<string>()];
      await pubsub.subscribe(topic, async (e) => void billing.add(e.id), {
        group: uniqueName('billing'),
      });
      await pubsub.subscribe(topic, async (e) => void audit.add(e.id), {
        group: uniqueName('audit'),
      });
      const events = Array.from({ length: 50 }, () => testEvent());
      await pubsub.publish(topic, events);

      await waitFor(() => billing.size === 50 && audit.size === 50, { timeoutMs });
      const ids = events.map((e) => e.id).sort();
      expect([...billing].sort()).toEqual(ids);
      expect([...audit].sort()).toEqual(ids);
    },
    caseTimeoutMs,
  );

  caseIfGroups(
    'nothing is lost when a member closes mid-stream and another takes over',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('takeover'), uniqueName('group')];
      const succeeded: { id: string; key: string; by: string }[] = [];
      const failedByFirst = new Set<string>();
      const release = deferred();
      let firstHandled = 0;
      let firstBlocked = 0;
      const first = await pubsub.subscribe(
        topic,
        async (event) => {
          if (firstHandled < 10) {
            firstHandled += 1;
            succeeded.push({ id: event.id, key: event.partitionkey, by: 'first' });
            return;
          }
          firstBlocked += 1;
          await release.promise;
          failedByFirst.add(event.id);
          throw new Error('member going away before acknowledging');
        },
        { group, concurrency: 2 },
      );
      const events = Array.from({ length: 60 }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 12}` }),
      );
      await pubsub.publish(topic, events);
      try {
        await waitFor(() => firstHandled === 10 && firstBlocked > 0, { timeoutMs });
        await pubsub.subscribe(
          topic,
          async (event) => {
            succeeded.push({ id: event.id, key: event.partitionkey, by: 'second' });
          },
          { group },
        );
      } finally {
        const closing = first.close();
        release.resolve();
        await closing;
      }

      const ids = () => new Set(succeeded.map((s) => s.id));
      await waitFor(() => ids().size === events.length, { timeoutMs });
      const bySecond = new Set(succeeded.filter((s) => s.by === 'second').map((s) => s.id));
      expect(failedByFirst.size).toBeGreaterThan(0);
      expect([...failedByFirst].every((id) => bySecond.has(id))).toBe(true);
      if (features.perKeyOrdering) expectFirstSuccessesInOrder(events, succeeded);
    },
    caseTimeoutMs,
  );
}

interface Keyed {
  readonly id: string;
  readonly key: string;
}

/** Per key, the first success of each event follows publish order (duplicates aside). */
function expectFirstSuccessesInOrder(
  events: readonly EventEnvelope[],
  succeeded: readonly Keyed[],
): void {
  const seen = new Set<string>();
  const firstSuccesses = succeeded.filter((s) => !seen.has(s.id) && seen.add(s.id));
  const published = events.map((e) => ({ id: e.id, key: e.partitionkey }));
  for (const key of new Set(published.map((e) => e.key))) {
    expect(idsOfKey(firstSuccesses, key)).toEqual(idsOfKey(published, key));
  }
}

function idsOfKey(list: readonly Keyed[], key: string): string[] {
  return list.filter((item) => item.key === key).map((item) => item.id);
}
