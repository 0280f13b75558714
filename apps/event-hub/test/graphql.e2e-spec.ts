import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../src/events/event.store';
import { newStoredEvent } from '../src/events/stored-event';
import type { EventType } from '../src/events/event.rules';
import {
  createGraphqlTestApp,
  graphql,
  graphqlData,
  type GraphqlTestApp,
  subscribe,
} from './graphql-test-app';

const ISO_8601_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Every timer API but `Date`: the app's own timers keep running while the clock is set. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

function storedEvent(
  userId: string,
  eventType: EventType,
  amount: number,
  timestamp: Date,
): StoredEvent {
  return newStoredEvent(
    { user_id: userId, event_type: eventType, amount, timestamp: timestamp.toISOString() },
    new Date(),
  );
}

describe("event-hub GraphQL: the seed's operations and the reads (e2e)", () => {
  let hub: GraphqlTestApp;
  let app: INestApplication;
  let store: EventStore;
  /** The events stored for these tests, newest first. */
  const stored: StoredEvent[] = [];

  beforeAll(async () => {
    hub = await createGraphqlTestApp();
    app = hub.app;
    store = app.get<EventStore>(EVENT_STORE);
    // A minute of history, one event every 5 s, by three users; the newest is 1 s old.
    const now = Date.now();
    const types: EventType[] = ['purchase', 'return', 'refund'];
    for (let i = 0; i < 12; i++) {
      const at = new Date(now - 1000 - i * 5000);
      stored.push(storedEvent(`user${i % 3}`, types[i % 3], 10 + i + 0.25, at));
    }
    await store.insertMany(stored);
  });

  afterAll(() => app?.close());

  describe('the seed operations, verbatim', () => {
    it('lastEvents(limit: 5) answers the 5 newest events, newest first', async () => {
      const data = await graphqlData<{ lastEvents: Record<string, unknown>[] }>(
        app,
        `query {
          lastEvents(limit: 5) {
            id
            userId
            eventType
            amount
            timestamp
          }
        }`,
      );

      expect(data.lastEvents).toEqual(
        stored.slice(0, 5).map((event) => ({
          id: event.id,
          userId: event.user_id,
          eventType: event.event_type,
          amount: event.amount,
          timestamp: event.timestamp.toISOString(),
        })),
      );
    });

    it('aggregatedMetrics(minutes: 1) sums the events of the current minute', async () => {
      jest.useFakeTimers({
        now: new Date('2030-01-15T10:30:20Z'),
        doNotFake: [...ALL_BUT_DATE],
        advanceTimers: true,
      });
      try {
        await hub.metrics.record([
          {
            id: 'm-1',
            event_type: 'purchase',
            amount: 150.75,
            at: new Date('2030-01-15T10:30:05Z'),
          },
          { id: 'm-2', event_type: 'refund', amount: 20, at: new Date('2030-01-15T10:30:10Z') },
          // The minute before: outside a one-minute window.
          { id: 'm-3', event_type: 'purchase', amount: 99, at: new Date('2030-01-15T10:29:59Z') },
        ]);

        const data = await graphqlData(
          app,
          `query {
            aggregatedMetrics(minutes: 1) {
              totalAmount
              eventCount
              timeWindow
            }
          }`,
        );

        expect(data).toEqual({
          aggregatedMetrics: { totalAmount: 170.75, eventCount: 2, timeWindow: '1 minute' },
        });
      } finally {
        jest.useRealTimers();
      }
    });

    it('subscription eventStream delivers an event sent afterwards', async () => {
      const live = subscribe<{ eventStream: Record<string, unknown> }>(
        hub.wsUrl,
        `subscription {
          eventStream {
            id
            userId
            eventType
            amount
            timestamp
          }
        }`,
      );
      try {
        await waitFor(() => hub.liveSubscriptions() === 1);

        const { sendEvent } = await graphqlData<{ sendEvent: { id: string } }>(
          app,
          `mutation {
            sendEvent(input: { userId: "user123", eventType: "purchase", amount: 150.75, timestamp: "2024-01-15T10:30:00Z" }) { id }
          }`,
        );

        await waitFor(() => live.received.length === 1);
        expect(live.received).toEqual([
          {
            eventStream: {
              id: sendEvent.id,
              userId: 'user123',
              eventType: 'purchase',
              amount: 150.75,
              timestamp: '2024-01-15T10:30:00.000Z',
            },
          },
        ]);
        expect(live.errors).toEqual([]);
      } finally {
        await live.leave();
      }
    });
  });

  describe('lastEvents', () => {
    it('answers every field, instants as ISO 8601 in UTC', async () => {
      const data = await graphqlData<{ lastEvents: Record<string, unknown>[] }>(
        app,
        'query { lastEvents(limit: 1) { id userId eventType amount timestamp idempotencyKey receivedAt } }',
      );

      expect(data.lastEvents).toEqual([
        {
          id: stored[0].id,
          userId: stored[0].user_id,
          eventType: stored[0].event_type,
          amount: stored[0].amount,
          timestamp: stored[0].timestamp.toISOString(),
          idempotencyKey: null,
          receivedAt: expect.stringMatching(ISO_8601_UTC),
        },
      ]);
    });

    it('answers 10 events without a limit', async () => {
      const data = await graphqlData<{ lastEvents: { id: string }[] }>(
        app,
        'query { lastEvents { id } }',
      );

      expect(data.lastEvents.map(({ id }) => id)).toEqual(stored.slice(0, 10).map(({ id }) => id));
    });

    it('filters by user and by event type, together', async () => {
      const data = await graphqlData<{ lastEvents: { id: string }[] }>(
        app,
        'query { lastEvents(limit: 100, userId: "user1", eventType: "return") { id } }',
      );
      const expected = stored.filter((e) => e.user_id === 'user1' && e.event_type === 'return');

      expect(expected.length).toBeGreaterThan(1);
      expect(data.lastEvents.map(({ id }) => id)).toEqual(expected.map(({ id }) => id));
    });

    it.each([
      [0, 'must not be less than 1'],
      [1001, 'must not be greater than 1000'],
    ])('refuses limit %p as BAD_USER_INPUT naming limit', async (limit, reason) => {
      const answer = await graphql(
        app,
        'query($limit: Int!) { lastEvents(limit: $limit) { id } }',
        {
          limit,
        },
      );

      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: `Invalid input: limit: ${reason}`,
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            violations: [{ field: 'limit', reason }],
          }),
        }),
      ]);
    });

    it('refuses an unknown event type as BAD_USER_INPUT naming eventType', async () => {
      const answer = await graphql(app, 'query { lastEvents(eventType: "gift") { id } }');

      expect(answer.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [{ field: 'eventType', reason: 'must be one of: purchase, return, refund' }],
      });
    });
  });

  describe('aggregatedMetrics', () => {
    afterEach(() => jest.useRealTimers());

    it('counts whole minutes, the current one included, and breaks the totals down by type', async () => {
      jest.useFakeTimers({
        now: new Date('2031-06-01T08:00:30Z'),
        doNotFake: [...ALL_BUT_DATE],
        advanceTimers: true,
      });
      await hub.metrics.record([
        { id: 'w-1', event_type: 'purchase', amount: 0.1, at: new Date('2031-06-01T08:00:01Z') },
        { id: 'w-2', event_type: 'purchase', amount: 0.2, at: new Date('2031-06-01T07:56:00Z') },
        { id: 'w-3', event_type: 'return', amount: 5, at: new Date('2031-06-01T07:58:30Z') },
        // 08:00 minus 5 minutes: just before the window.
        { id: 'w-4', event_type: 'refund', amount: 7, at: new Date('2031-06-01T07:55:59Z') },
      ]);

      const data = await graphqlData(
        app,
        `query { aggregatedMetrics(minutes: 5) {
          totalAmount eventCount timeWindow from to byType { eventType eventCount totalAmount }
        } }`,
      );

      expect(data).toEqual({
        aggregatedMetrics: {
          totalAmount: 5.3,
          eventCount: 3,
          timeWindow: '5 minutes',
          from: '2031-06-01T07:56:00.000Z',
          to: '2031-06-01T08:01:00.000Z',
          byType: [
            { eventType: 'purchase', eventCount: 2, totalAmount: 0.3 },
            { eventType: 'return', eventCount: 1, totalAmount: 5 },
            { eventType: 'refund', eventCount: 0, totalAmount: 0 },
          ],
        },
      });
    });

    it('is one minute without an argument', async () => {
      const data = await graphqlData<{ aggregatedMetrics: { timeWindow: string } }>(
        app,
        'query { aggregatedMetrics { timeWindow } }',
      );

      expect(data.aggregatedMetrics.timeWindow).toBe('1 minute');
    });

    it.each([
      [0, 'must not be less than 1'],
      [1441, 'must not be greater than 1440'],
    ])('refuses minutes %p as BAD_USER_INPUT naming minutes', async (minutes, reason) => {
      const answer = await graphql(
        app,
        'query($minutes: Int!) { aggregatedMetrics(minutes: $minutes) { eventCount } }',
        { minutes },
      );

      expect(answer.errors?.[0]).toMatchObject({
        message: `Invalid input: minutes: ${reason}`,
        extensions: { code: 'BAD_USER_INPUT', violations: [{ field: 'minutes', reason }] },
      });
    });
  });
});
