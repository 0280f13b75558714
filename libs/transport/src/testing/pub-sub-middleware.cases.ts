import type { EventEnvelope } from '@app/envelope';
import { readDeadLetter } from '../middleware/dead-letter.attributes';
import { deadLetter } from '../middleware/dead-letter.middleware';
import { withMiddleware } from '../middleware/compose.middleware';
import { idempotent } from '../middleware/idempotent.middleware';
import { retry } from '../middleware/retry.middleware';
import type { EventPublisher } from '../ports/event-bus.port';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** Timers may fire a hair early by the clock they are measured with. */
const TIMER_SLACK_MS = 2;

/** The middleware on top of this adapter: retry, dead-letter, idempotency. */
export function middlewareCases(ctx: PubSubContractContext): void {
  const { timeoutMs, caseTimeoutMs } = ctx;

  it(
    'retry() succeeds on attempt N after exponential backoff, without redelivery',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('retry'), uniqueName('group')];
      const calls: { at: number; deliveryAttempt: number }[] = [];
      const done: string[] = [];
      const handler = withMiddleware(
        async (event, context) => {
          calls.push({ at: performance.now(), deliveryAttempt: context.attempt });
          if (calls.length < 3) throw new Error('transient');
          done.push(event.id);
        },
        retry({ maxAttempts: 5, initialDelayMs: 20, multiplier: 2, maxDelayMs: 1000 }),
      );
      await pubsub.subscribe(topic, handler, { group });
      await pubsub.publish(topic, testEvent());

      await waitFor(() => done.length === 1, { timeoutMs });
      expect(calls.map((c) => c.deliveryAttempt)).toEqual([1, 1, 1]);
      expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(20 - TIMER_SLACK_MS);
      expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
    },
    caseTimeoutMs,
  );

  it(
    'deadLetter() publishes a poison event with its failure after N attempts, then moves on',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('poison'), uniqueName('group')];
      const handlerName = 'contract-poison-handler';
      const deadLetters: EventEnvelope[] = [];
      await pubsub.subscribe(
        `${topic}.dlq`,
        async (event) => {
          deadLetters.push(event);
        },
        { group: uniqueName('dlq_reader') },
      );
      const handled: string[] = [];
      const handler = withMiddleware(
        async (event) => {
          if ((event.data as { poison: boolean }).poison)
            throw new TypeError('cannot digest poison');
          handled.push(event.id);
        },
        deadLetter({ publisher: pubsub, handlerName }),
        retry({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 }),
      );
      await pubsub.subscribe(topic, handler, { group });
      const poison = testEvent({ partitionkey: 'same-key', data: { poison: true } });
      const healthy = testEvent({ partitionkey: 'same-key', data: { poison: false } });
      const before = Date.now();
      await pubsub.publish(topic, [poison, healthy]);

      await waitFor(() => deadLetters.length === 1 && handled.includes(healthy.id), { timeoutMs });
      expect(deadLetters[0]).toMatchObject({ ...poison });
      const failure = readDeadLetter(deadLetters[0]);
      expect(failure).toMatchObject({
        error: 'cannot digest poison',
        errorType: 'TypeError',
        topic,
        group,
        handler: handlerName,
        attempts: 3,
        deliveryAttempt: 1,
      });
      const failedAt = Date.parse(failure?.failedAt ?? '');
      expect(failedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(failedAt).toBeLessThanOrEqual(Date.now() + 1000);
    },
    caseTimeoutMs,
  );

  it(
    'deadLetter() leaves the event unacknowledged when the dead-letter publish fails',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('dlq_down'), uniqueName('group')];
      const deadLetters: EventEnvelope[] = [];
      await pubsub.subscribe(
        `${topic}.dlq`,
        async (event) => {
          deadLetters.push(event);
        },
        { group: uniqueName('dlq_reader') },
      );
      let dlqDown = true;
      const flakyPublisher: EventPublisher = {
        publish: async (target, events) => {
          if (dlqDown) {
            dlqDown = false;
            throw new Error('dead-letter topic unavailable');
          }
          await pubsub.publish(target, events);
        },
      };
      const attempts: number[] = [];
      const handler = withMiddleware(
        async (_event, context) => {
          attempts.push(context.attempt);
          throw new Error('always fails');
        },
        deadLetter({ publisher: flakyPublisher, handlerName: 'contract-handler' }),
      );
      await pubsub.subscribe(topic, handler, { group });
      await pubsub.publish(topic, testEvent());

      await waitFor(() => deadLetters.length === 1, { timeoutMs });
      expect(attempts).toEqual([1, 2]);
      expect(readDeadLetter(deadLetters[0])?.deliveryAttempt).toBe(2);
    },
    caseTimeoutMs,
  );

  it(
    'idempotent() handles a duplicate event id once, and marks it only after success',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('idempotent'), uniqueName('group')];
      const calls: string[] = [];
      let deliveries = 0;
      let failedOnce = false;
      const handler = withMiddleware(
        async (event) => {
          calls.push(event.id);
          if ((event.data as { flaky?: boolean }).flaky && !failedOnce) {
            failedOnce = true;
            throw new Error('fails the first time');
          }
        },
        idempotent({ inbox: ctx.inbox(), consumer: uniqueName('consumer') }),
      );
      await pubsub.subscribe(
        topic,
        async (event, context) => {
          try {
            await handler(event, context);
          } finally {
            deliveries += 1;
          }
        },
        { group },
      );
      const duplicate = testEvent({ partitionkey: 'k' });
      const flaky = testEvent({ partitionkey: 'k', data: { flaky: true } });
      for (const event of [duplicate, duplicate, flaky, duplicate]) {
        await pubsub.publish(topic, event);
      }

      // 4 published + 1 redelivery of the flaky one.
      await waitFor(() => deliveries === 5, { timeoutMs });
      expect(calls.filter((id) => id === duplicate.id)).toHaveLength(1);
      expect(calls.filter((id) => id === flaky.id)).toHaveLength(2);
    },
    caseTimeoutMs,
  );
}
