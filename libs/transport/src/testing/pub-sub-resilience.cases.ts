import type { EventEnvelope } from '@app/envelope';
import type { PubSubContractContext } from './pub-sub-contract.context';
import { testEvent } from './test-event';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

const EVENTS = 300;

/** The broker going away and coming back: nothing accepted is lost. */
export function resilienceCases(ctx: PubSubContractContext): void {
  const { restartBroker, features, timeoutMs } = ctx;
  // Restarting takes the broker's own time (a Kafka node rejoining, Redis replaying its AOF).
  const caseTimeoutMs = Math.max(ctx.caseTimeoutMs, 120_000);

  ctx.caseIf(restartBroker !== undefined && features.persistent)(
    'loses nothing when the broker restarts mid-run: every event published before, during and after is handled',
    async () => {
      const pubsub = await ctx.open();
      const [topic, group] = [uniqueName('broker_restart'), uniqueName('group')];
      const handled = new Set<string>();
      await pubsub.subscribe(
        topic,
        async (event) => {
          handled.add(event.id);
        },
        { group, concurrency: 4 },
      );
      const events: EventEnvelope[] = Array.from({ length: EVENTS }, (_, i) =>
        testEvent({ partitionkey: `key-${i % 16}` }),
      );
      const third = EVENTS / 3;

      await pubsub.publish(topic, events.slice(0, third));
      await waitFor(() => handled.size >= third / 2, { timeoutMs });
      // Publishing while the broker restarts: each publish resolves once the broker is back
      // and has accepted it (or rejects, and the caller would retry; none may here).
      const during = Promise.all(
        events.slice(third, 2 * third).map((e) => pubsub.publish(topic, e)),
      );
      await restartBroker!();
      await during;
      await pubsub.publish(topic, events.slice(2 * third));

      await waitFor(() => handled.size === EVENTS, { timeoutMs: 60_000 });
      expect([...handled].sort()).toEqual(events.map((e) => e.id).sort());
    },
    caseTimeoutMs,
  );
}
