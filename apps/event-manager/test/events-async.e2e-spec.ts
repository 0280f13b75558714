import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { createTestApp } from '@app/platform/testing/create-test-app';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { EventManagerModule } from '../src/event-manager.module';
import { EventsConsumer } from '../src/events/consumer/events.consumer';
import { EVENTS_TOPIC, EventManagerEventType } from '../src/events/events.topic';
import { graphql } from './graphql-client';

const CREATE_ASYNC = `mutation($name: String!) {
  createEventAsync(name: $name, source: "users") { event { uuid name } }
}`;

async function totalCount(app: INestApplication, name?: string): Promise<number> {
  const answer = await graphql<{ allEvents: { totalCount: number } }>(
    app,
    'query($name: String) { allEvents(name: $name) { totalCount } }',
    { name },
  );
  return answer.data!.allEvents.totalCount;
}

function submitted(data: Record<string, unknown>, id?: string): EventEnvelope {
  return createEnvelope({ id, type: EventManagerEventType.EVENT_SUBMITTED, source: '/test', data });
}

describe('event-manager: createEventAsync through the events topic (e2e, embedded default)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(EventManagerModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(() => app.close());

  it('stores 1,000 async events exactly once, also when the consumer restarts midway', async () => {
    const consumer = app.get(EventsConsumer);
    const uuids: string[] = [];
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i += 50) {
        const answers = await Promise.all(
          Array.from({ length: Math.min(50, to - i) }, () =>
            graphql<{ createEventAsync: { event: { uuid: string } } }>(app, CREATE_ASYNC, {
              name: 'bulk',
            }),
          ),
        );
        uuids.push(...answers.map((answer) => answer.data!.createEventAsync.event.uuid));
      }
    };

    await send(0, 500);
    await consumer.stop();
    await send(500, 1000);
    await consumer.start();

    await waitFor(async () => (await totalCount(app, 'bulk')) >= 1000, { timeoutMs: 30_000 });
    expect(new Set(uuids).size).toBe(1000);
    expect(await totalCount(app, 'bulk')).toBe(1000);
  }, 60_000);

  it('stores a redelivered or duplicated event once', async () => {
    const publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
    const event = submitted({ name: 'duplicate', source: 'products' });

    await publisher.publish(EVENTS_TOPIC, [event, event]);
    await publisher.publish(EVENTS_TOPIC, event);
    await publisher.publish(EVENTS_TOPIC, submitted({ name: 'after-duplicate', source: 'users' }));

    // Events are stored in order per key; wait for a later one, then count the duplicate.
    await waitFor(async () => (await totalCount(app, 'after-duplicate')) === 1);
    await waitFor(async () => (await totalCount(app, 'duplicate')) === 1);
    expect(await totalCount(app, 'duplicate')).toBe(1);
  });

  it('dead-letters a message that breaks a rule, with the field and reason, and stores the rest', async () => {
    const publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
    const subscriber = app.get<EventSubscriber>(EVENT_SUBSCRIBER);
    const deadLetters: EventEnvelope[] = [];
    const watching = await subscriber.subscribe(
      `${EVENTS_TOPIC}.dlq`,
      async (event) => void deadLetters.push(event),
      { group: 'test-dlq-reader' },
    );
    const bad = submitted({ name: 'wrong source', source: 'orders' });

    await publisher.publish(EVENTS_TOPIC, [
      bad,
      submitted({ name: 'good neighbour', source: 'users' }),
    ]);

    await waitFor(() => deadLetters.some((event) => event.id === bad.id));
    await waitFor(async () => (await totalCount(app, 'good neighbour')) === 1);
    const [deadLetter] = deadLetters.filter((event) => event.id === bad.id);
    expect(deadLetter).toMatchObject({
      data: bad.data,
      dlqtopic: EVENTS_TOPIC,
      dlqhandler: 'EventsConsumer',
      dlqerror: expect.stringContaining('source: must be one of: users, products'),
    });
    expect(await totalCount(app, 'wrong source')).toBe(0);
    await watching.close();
  });

  it('announces each stored event on the eventCreated subscription (graphql-ws)', async () => {
    const { port } = app.getHttpServer().address() as { port: number };
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
    });
    const seen: { uuid: string; name: string }[] = [];
    const subscribed = new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('error', reject);
    });
    const unsubscribe = client.subscribe<{ eventCreated: { uuid: string; name: string } }>(
      { query: 'subscription { eventCreated { uuid name } }' },
      {
        next: ({ data }) => data && seen.push(data.eventCreated),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    try {
      await subscribed;
      // The server registers the subscription a moment after the socket connects: probe with
      // synchronous creates until one is announced, then check the async one.
      await waitFor(async () => {
        await graphql(
          app,
          'mutation { createEvent(name: "probe", source: "users") { event { uuid } } }',
        );
        return seen.some((event) => event.name === 'probe');
      });
      const answer = await graphql<{ createEventAsync: { event: { uuid: string } } }>(
        app,
        CREATE_ASYNC,
        { name: 'announced' },
      );
      const { uuid } = answer.data!.createEventAsync.event;

      await waitFor(() => seen.some((event) => event.uuid === uuid));
      expect(seen.filter((event) => event.uuid === uuid)).toEqual([{ uuid, name: 'announced' }]);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });
});
