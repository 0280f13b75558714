import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import {
  createGraphqlTestApp,
  graphqlData,
  type GraphqlTestApp,
  type LiveSubscription,
  subscribe,
} from './graphql-test-app';

interface StreamedEvent {
  readonly eventStream: {
    readonly id: string;
    readonly userId: string;
    readonly eventType: string;
    readonly amount: number;
    readonly timestamp: string;
    readonly idempotencyKey: string | null;
    readonly receivedAt: string | null;
  };
}

const EVENT_STREAM = `subscription($eventType: String, $userId: String) {
  eventStream(eventType: $eventType, userId: $userId) {
    id userId eventType amount timestamp idempotencyKey receivedAt
  }
}`;

describe('event-hub GraphQL: the eventStream subscription over graphql-ws (e2e)', () => {
  let hub: GraphqlTestApp;
  let app: INestApplication;
  const open: LiveSubscription<StreamedEvent>[] = [];

  beforeAll(async () => {
    hub = await createGraphqlTestApp();
    app = hub.app;
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((live) => live.leave()));
    await waitFor(() => hub.liveSubscriptions() === 0, { message: 'a subscription was left open' });
  });

  afterAll(() => app?.close());

  /** Subscribes and waits until the server's subscription to the ingest is live. */
  async function live(
    variables: Record<string, unknown> = {},
  ): Promise<LiveSubscription<StreamedEvent>> {
    const before = hub.liveSubscriptions();
    const subscription = subscribe<StreamedEvent>(hub.wsUrl, EVENT_STREAM, variables);
    open.push(subscription);
    await waitFor(() => hub.liveSubscriptions() === before + 1 || subscription.errors.length > 0);
    return subscription;
  }

  async function send(input: Record<string, unknown>): Promise<string> {
    const { sendEvent } = await graphqlData<{ sendEvent: { id: string } }>(
      app,
      'mutation($input: EventInput!) { sendEvent(input: $input) { id } }',
      {
        input: {
          userId: 'user123',
          eventType: 'purchase',
          amount: 150.75,
          timestamp: '2024-01-15T10:30:00Z',
          ...input,
        },
      },
    );
    return sendEvent.id;
  }

  const ids = (subscription: LiveSubscription<StreamedEvent>) =>
    subscription.received.map(({ eventStream }) => eventStream.id);

  it('delivers every field, the timestamp as ISO 8601 in UTC whatever offset was sent', async () => {
    const stream = await live();

    const one = await send({
      userId: 'live-1',
      idempotencyKey: 'k-live',
      timestamp: '2024-01-15T10:30:00.123456',
    });
    const two = await send({
      userId: 'live-2',
      eventType: 'refund',
      amount: 20,
      timestamp: '2024-01-15T10:30:00+03:00',
    });

    await waitFor(() => stream.received.length === 2);
    expect(stream.received).toEqual([
      {
        eventStream: {
          id: one,
          userId: 'live-1',
          eventType: 'purchase',
          amount: 150.75,
          timestamp: '2024-01-15T10:30:00.123Z',
          idempotencyKey: 'k-live',
          receivedAt: null,
        },
      },
      {
        eventStream: {
          id: two,
          userId: 'live-2',
          eventType: 'refund',
          amount: 20,
          timestamp: '2024-01-15T07:30:00.000Z',
          idempotencyKey: null,
          receivedAt: null,
        },
      },
    ]);
  });

  it('filters by event type and by user', async () => {
    const refundsOfOne = await live({ eventType: 'refund', userId: 'filter-user' });
    const purchases = await live({ eventType: 'purchase' });

    const purchase = await send({ userId: 'filter-user', eventType: 'purchase' });
    await send({ userId: 'someone-else', eventType: 'refund' });
    const refund = await send({ userId: 'filter-user', eventType: 'refund' });

    // Events arrive in the order they were sent: once the last one is in, so is any earlier.
    await waitFor(() => ids(refundsOfOne).includes(refund));
    expect(ids(refundsOfOne)).toEqual([refund]);
    await waitFor(() => ids(purchases).includes(purchase));
    expect(ids(purchases)).toEqual([purchase]);
  });

  it('delivers to every subscriber, and goes on for the others when one leaves', async () => {
    const first = await live({ userId: 'fan-out' });
    const second = await live({ userId: 'fan-out' });

    const before = await send({ userId: 'fan-out' });
    await waitFor(() => ids(first).includes(before) && ids(second).includes(before));
    await first.leave();
    const after = await send({ userId: 'fan-out' });

    await waitFor(() => ids(second).includes(after));
    expect(ids(second)).toEqual([before, after]);
    expect(ids(first)).toEqual([before]);
  });

  it('lets go of the ingest when the client completes the subscription', async () => {
    const stream = await live();
    expect(hub.liveSubscriptions()).toBe(1);

    await stream.leave();

    await waitFor(() => hub.liveSubscriptions() === 0);
  });

  it('lets go of the ingest when the client vanishes without a word', async () => {
    const stream = await live();
    expect(hub.liveSubscriptions()).toBe(1);

    stream.drop();

    await waitFor(() => hub.liveSubscriptions() === 0);
  });

  it('refuses an unknown event type filter as BAD_USER_INPUT naming eventType, holding nothing open', async () => {
    const stream = subscribe<StreamedEvent>(hub.wsUrl, EVENT_STREAM, { eventType: 'gift' });
    open.push(stream);

    await stream.ended;

    expect(stream.errors).toEqual([
      expect.objectContaining({
        message: 'Invalid input: eventType: must be one of: purchase, return, refund',
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          violations: [{ field: 'eventType', reason: 'must be one of: purchase, return, refund' }],
        }),
      }),
    ]);
    expect(hub.liveSubscriptions()).toBe(0);
  });
});

describe('event-hub GraphQL: eventStream on shutdown (e2e)', () => {
  it('ends open subscriptions and lets go of the ingest when the app closes', async () => {
    const hub = await createGraphqlTestApp();
    const stream = subscribe<StreamedEvent>(hub.wsUrl, 'subscription { eventStream { id } }');
    try {
      await waitFor(() => hub.liveSubscriptions() === 1);

      await hub.app.close();

      await stream.ended;
      expect(hub.liveSubscriptions()).toBe(0);
    } finally {
      await stream.leave();
    }
  });
});
