import type { EventEnvelope } from '@app/envelope';
import { readDeadLetter } from '../middleware/dead-letter.attributes';
import { deadLetterEvent } from '../middleware/dead-letter.middleware';
import { deferred } from './deferred';
import { subscribeCollecting } from './pub-sub-batch.cases';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { eventLoopTurns, waitFor } from './wait-for';

/** Events in the broker-restart case, as in the per-event one. */
const RESTART_EVENTS = 300;

/** `subscribeBatch`: graceful close, groups, dead-lettering from a batch, volume, restarts. */
export function batchLifecycleCases(ctx: PubSubContractContext): void {
  const { features, timeoutMs, caseTimeoutMs, restartBroker } = ctx;

  it(
    'closing waits for the in-flight batch and leaves later events to the group',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_drain'), uniqueName('group')];
      const started = deferred();
      const release = deferred();
      const order: string[] = [];
      const handledByFirst: string[] = [];
      const subscription = await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          handledByFirst.push(...deliveries.map((d) => d.event.id));
          started.resolve();
          await release.promise;
          order.push('batch finished');
        },
        { group },
      );
      await pubsub.publish(
        topic,
        [1, 2].map(() => testEvent({ partitionkey: 'drain' })),
      );
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
      expect(order).toEqual(['batch finished', 'closed']);

      const bySuccessor = new Set<string>();
      await subscribeCollecting(pubsub, topic, group, bySuccessor);
      await waitFor(() => bySuccessor.has(later.id), { timeoutMs });
      expect(handledByFirst).not.toContain(later.id);
    },
    caseTimeoutMs,
  );

  ctx.caseIf(features.consumerGroups)(
    'each of two groups receives every event in batches',
    async () => {
      const pubsub = await ctx.open();
      const topic = uniqueName('batch_groups');
      const [billing, audit] = [new Set<string>(), new Set<string>()];
      await subscribeCollecting(pubsub, topic, uniqueName('billing'), billing, { maxBatchSize: 8 });
      await subscribeCollecting(pubsub, topic, uniqueName('audit'), audit, { maxBatchSize: 3 });
      const events = Array.from({ length: 50 }, () => testEvent());
      await pubsub.publish(topic, events);

      await waitFor(() => billing.size === 50 && audit.size === 50, { timeoutMs });
      const ids = events.map((e) => e.id).sort();
      expect([...billing].sort()).toEqual(ids);
      expect([...audit].sort()).toEqual(ids);
    },
    caseTimeoutMs,
  );

  it(
    'deadLetterEvent() sets one bad event of a batch aside with its failure; the rest is acknowledged',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_poison'), uniqueName('group')];
      const deadLetters: EventEnvelope[] = [];
      await pubsub.subscribe(`${topic}.dlq`, async (event) => void deadLetters.push(event), {
        group: uniqueName('dlq_reader'),
      });
      const handled: string[] = [];
      const attempts: number[] = [];
      await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          for (const { event, context } of deliveries) {
            attempts.push(context.attempt);
            if (!(event.data as { poison: boolean }).poison) {
              handled.push(event.id);
              continue;
            }
            const error = new TypeError('cannot digest poison');
            await deadLetterEvent({
              publisher: pubsub,
              handlerName: 'batch-store',
              event,
              context,
              error,
            });
          }
        },
        { group },
      );
      const poison = testEvent({ partitionkey: 'same-key', data: { poison: true } });
      const healthy = [1, 2].map(() =>
        testEvent({ partitionkey: 'same-key', data: { poison: false } }),
      );
      await pubsub.publish(topic, [healthy[0], poison, healthy[1]]);

      await waitFor(() => deadLetters.length === 1 && handled.length === 2, { timeoutMs });
      expect(deadLetters[0]).toMatchObject({ ...poison });
      expect(readDeadLetter(deadLetters[0])).toMatchObject({
        error: 'cannot digest poison',
        errorType: 'TypeError',
        topic,
        group,
        handler: 'batch-store',
        attempts: 1,
        deliveryAttempt: 1,
      });
      expect(handled).toEqual(healthy.map((e) => e.id));
      expect(attempts).toEqual([1, 1, 1]);
    },
    caseTimeoutMs,
  );

  it(
    `takes ${ctx.stressEvents} parallel publishes through subscribeBatch, losing none and handling none twice`,
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_stress'), uniqueName('group')];
      const count = ctx.stressEvents;
      const handled = new Map<string, number>();
      let total = 0;
      const subscription = await pubsub.subscribeBatch(
        topic,
        async (deliveries) => {
          for (const { event } of deliveries)
            handled.set(event.id, (handled.get(event.id) ?? 0) + 1);
          total += deliveries.length;
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

  ctx.caseIf(restartBroker !== undefined && features.persistent)(
    'loses nothing through subscribeBatch when the broker restarts mid-run',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('batch_restart'), uniqueName('group')];
      const handled = new Set<string>();
      await subscribeCollecting(pubsub, topic, group, handled, {
        concurrency: 4,
        maxBatchSize: 20,
      });
      const events = Array.from({ length: RESTART_EVENTS }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 16}` }),
      );
      const third = RESTART_EVENTS / 3;

      await pubsub.publish(topic, events.slice(0, third));
      await waitFor(() => handled.size >= third / 2, { timeoutMs });
      const during = Promise.all(
        events.slice(third, 2 * third).map((e) => pubsub.publish(topic, e)),
      );
      await restartBroker!();
      await during;
      await pubsub.publish(topic, events.slice(2 * third));

      await waitFor(() => handled.size === RESTART_EVENTS, { timeoutMs: 60_000 });
      expect([...handled].sort()).toEqual(events.map((e) => e.id).sort());
    },
    // Restarting takes the broker's own time (a Kafka node rejoining, Redis replaying its AOF).
    Math.max(caseTimeoutMs, 120_000),
  );
}
