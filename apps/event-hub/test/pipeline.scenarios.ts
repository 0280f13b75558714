import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { type HubClients, type MetricsView, type SentEvent, waitFor } from './hub.clients';

/** The hub under test: `clients` reach every protocol. */
export interface PipelineUnderTest {
  readonly clients: HubClients;
}

const now = () => new Date().toISOString();

function eventOf(userId: string, overrides: Partial<SentEvent> = {}): SentEvent {
  return { user_id: userId, event_type: 'purchase', amount: 10, timestamp: now(), ...overrides };
}

/**
 * Sends `return` events of a probe user until the live feed shows one: a graphql-ws
 * subscription gives no sign of when the server has it live. Only `purchase` and `refund`
 * counts are asserted, so the probes never disturb them.
 */
async function untilLive(clients: HubClients, seen: () => readonly string[]): Promise<void> {
  const probes: string[] = [];
  const user = `probe-${randomUUID()}`;
  await waitFor(
    async () => {
      const { body } = await clients.postEvent(eventOf(user, { event_type: 'return' }));
      probes.push(String(body.id));
      await new Promise((resolve) => setTimeout(resolve, 100));
      return seen().some((id) => probes.includes(id));
    },
    Boolean,
    'the live subscription',
  );
}

/** The last five minutes, wide enough that a minute boundary mid-test loses nothing. */
const WINDOW_MINUTES = 5;

function countOf(metrics: MetricsView, eventType: string): { count: number; total: number } {
  const row = metrics.byType.find((entry) => entry.eventType === eventType);
  return { count: row?.eventCount ?? 0, total: row?.totalAmount ?? 0 };
}

/**
 * What the "Done when" asks of the hub on any deployment: events sent over REST,
 * gRPC and GraphQL appear in `lastEvents`, in the live feeds and in `aggregatedMetrics`,
 * each stored and counted once; bad input is refused over all three and stores nothing.
 * Run by the embedded e2e suite and by the Redis + MongoDB integration suite.
 */
export function describePipeline(hub: () => PipelineUnderTest, timeoutMs = 20_000): void {
  it(
    'stores, counts and streams live what REST, gRPC and GraphQL send',
    async () => {
      const { clients } = hub();
      const user = `pipeline-${randomUUID()}`;
      const graphqlLive = clients.eventStream();
      const grpcLive = await clients.grpcStream();
      await untilLive(clients, () => graphqlLive.received.map(({ eventStream }) => eventStream.id));
      const before = await clients.aggregatedMetrics(WINDOW_MINUTES);

      const rest = await clients.postEvent(eventOf(user, { amount: 150.75 }));
      const grpc = await clients.grpcSend(eventOf(user, { event_type: 'refund', amount: 20 }));
      const graphql = await clients.graphqlSend(eventOf(user, { amount: 0.25 }));

      expect(rest.status).toBe(202);
      const ids = [rest.body.id, (grpc as { id: string }).id, graphql.data?.sendEvent.id];
      for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const stored = await waitFor(
        () => clients.lastEvents(10, user),
        (events) => events.length === 3,
        'the three events in lastEvents',
        timeoutMs,
      );
      expect(new Set(stored.map(({ id }) => id))).toEqual(new Set(ids));

      const after = await waitFor(
        () => clients.aggregatedMetrics(WINDOW_MINUTES),
        (metrics) =>
          countOf(metrics, 'purchase').count + countOf(metrics, 'refund').count >=
          countOf(before, 'purchase').count + countOf(before, 'refund').count + 3,
        'the three events in aggregatedMetrics',
        timeoutMs,
      );
      expect(countOf(after, 'purchase').count - countOf(before, 'purchase').count).toBe(2);
      expect(countOf(after, 'purchase').total - countOf(before, 'purchase').total).toBeCloseTo(
        151,
        2,
      );
      expect(countOf(after, 'refund').count - countOf(before, 'refund').count).toBe(1);

      const mine = (id: string) => ids.includes(id);
      await waitFor(
        () => Promise.resolve(grpcLive.received.filter(({ id }) => mine(id)).length),
        (count) => count === 3,
        'the three events on gRPC StreamEvents',
        timeoutMs,
      );
      await waitFor(
        () =>
          Promise.resolve(
            graphqlLive.received.filter(({ eventStream }) => mine(eventStream.id)).length,
          ),
        (count) => count === 3,
        'the three events on the eventStream subscription',
        timeoutMs,
      );
    },
    timeoutMs * 3,
  );

  it(
    'stores and counts an event once however often and over whichever protocol it is retried',
    async () => {
      const { clients } = hub();
      const user = `retrying-${randomUUID()}`;
      const event = eventOf(user, { idempotency_key: 'order-1', amount: 5 });
      const before = await clients.aggregatedMetrics(WINDOW_MINUTES);

      const first = await clients.postEvent(event);
      const retries = [
        await clients.postEvent(event),
        (await clients.grpcSend(event)) as { id: string },
        await clients.graphqlSend(event),
      ] as const;
      await waitFor(
        () => clients.lastEvents(10, user),
        (events) => events.length === 1,
        'the event stored',
        timeoutMs,
      );
      const late = await clients.postEvent(event);

      const [rest, grpc, graphql] = retries;
      expect([rest.body.id, grpc.id, graphql.data?.sendEvent.id]).toEqual(
        Array(3).fill(first.body.id),
      );
      expect(late.body).toEqual({ id: first.body.id, duplicate: true });
      // A marker sent after every retry: once it is counted, the retries were handled too.
      const marker = await clients.postEvent(eventOf(user, { event_type: 'refund', amount: 1 }));
      await waitFor(
        () => clients.lastEvents(10, user),
        (events) => events.some(({ id }) => id === marker.body.id),
        'the marker stored',
        timeoutMs,
      );
      const settled = await waitFor(
        () => clients.aggregatedMetrics(WINDOW_MINUTES),
        (metrics) => countOf(metrics, 'refund').count > countOf(before, 'refund').count,
        'the marker counted',
        timeoutMs,
      );
      expect(countOf(settled, 'refund').count - countOf(before, 'refund').count).toBe(1);
      expect(countOf(settled, 'purchase').count - countOf(before, 'purchase').count).toBe(1);
      expect(await clients.lastEvents(10, user)).toHaveLength(2);
    },
    timeoutMs * 3,
  );

  it(
    'refuses bad input over REST, gRPC and GraphQL naming the field, and stores none of it',
    async () => {
      const { clients } = hub();
      const user = `bad-${randomUUID()}`;

      const rest = await clients.postEvent(eventOf(user, { amount: -5 }));
      const batch = await clients.postBatch([eventOf(user), eventOf(user, { event_type: 'gift' })]);
      const grpc = await clients.grpcSend(eventOf(user, { timestamp: '2024-02-30T10:00:00Z' }));
      const graphql = await clients.graphqlSend(eventOf(user, { event_type: 'gift' }));

      expect(rest.status).toBe(400);
      expect(JSON.stringify(rest.body)).toContain('amount');
      expect(batch.status).toBe(400);
      expect(JSON.stringify(batch.body)).toContain('events[1].event_type');
      expect(grpc).toMatchObject({ code: status.INVALID_ARGUMENT });
      expect((grpc as Error).message).toContain('timestamp');
      expect(graphql.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(JSON.stringify(graphql.errors)).toContain('eventType');

      // Whatever was accepted after them is stored: had the bad ones gone in, so would they.
      const marker = await clients.postEvent(eventOf(user, { amount: 1 }));
      const stored = await waitFor(
        () => clients.lastEvents(10, user),
        (events) => events.some(({ id }) => id === marker.body.id),
        'the good event after the bad ones',
        timeoutMs,
      );
      expect(stored.map(({ id }) => id)).toEqual([marker.body.id]);
    },
    timeoutMs * 3,
  );
}
