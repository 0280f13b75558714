import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import {
  EVENT_INGEST,
  type EventIngest,
  type IngestedEvent,
} from '../src/events/event-ingest.port';
import {
  createGraphqlTestApp,
  graphql,
  graphqlData,
  type GraphqlTestApp,
  subscribe,
} from './graphql-test-app';

const KEY = 'graphql-writer-key-0123456789';

const SEND_EVENT = `mutation($input: EventInput!) { sendEvent(input: $input) { id } }`;
const SEND_EVENTS = `mutation($events: [EventInput!]!) { sendEvents(events: $events) { ids } }`;
const EVENT = {
  userId: 'user123',
  eventType: 'purchase',
  amount: 150.75,
  timestamp: '2024-01-15T10:30:00Z',
};

describe('event-hub GraphQL with API_KEYS set (e2e)', () => {
  let hub: GraphqlTestApp;
  let app: INestApplication;
  const ingested: IngestedEvent[] = [];
  let watching: Subscription;

  beforeAll(async () => {
    hub = await createGraphqlTestApp({ API_KEYS: KEY });
    app = hub.app;
    watching = app
      .get<EventIngest>(EVENT_INGEST)
      .live()
      .subscribe((event) => ingested.push(event));
  });

  afterAll(async () => {
    delete process.env.API_KEYS;
    watching?.unsubscribe();
    await app?.close();
  });

  it.each([
    ['no key', {}, 'an API key is required to write events'],
    ['a wrong key', { 'x-api-key': 'not-the-key-0123456789' }, 'the API key is not valid'],
  ])(
    'refuses sendEvent and sendEvents with %s as UNAUTHENTICATED and ingests nothing',
    async (_, headers, reason) => {
      const one = await graphql(app, SEND_EVENT, { input: EVENT }, headers);
      const many = await graphql(app, SEND_EVENTS, { events: [EVENT, EVENT] }, headers);

      for (const answer of [one, many]) {
        expect(answer.data).toBeNull();
        expect(answer.errors).toEqual([
          expect.objectContaining({
            message: expect.stringContaining(reason),
            extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
          }),
        ]);
      }
      // A keyed write after them is the first event the ingest sees.
      const { sendEvent } = await graphqlData<{ sendEvent: { id: string } }>(
        app,
        SEND_EVENT,
        { input: EVENT },
        { 'x-api-key': KEY },
      );
      await waitFor(() => ingested.length > 0);
      expect(ingested.splice(0).map(({ id }) => id)).toEqual([sendEvent.id]);
    },
  );

  it.each([
    ['X-API-Key', { 'x-api-key': KEY }],
    ['Authorization: Bearer', { authorization: `Bearer ${KEY}` }],
  ])('accepts writes carrying the key in %s', async (_, headers) => {
    const data = await graphqlData<{ sendEvents: { ids: string[] } }>(
      app,
      SEND_EVENTS,
      { events: [EVENT] },
      headers,
    );

    expect(data.sendEvents.ids).toHaveLength(1);
  });

  it('keeps the reads open: lastEvents, aggregatedMetrics and eventStream need no key', async () => {
    const reads = await graphqlData(
      app,
      'query { lastEvents(limit: 1) { id } aggregatedMetrics { eventCount } }',
    );
    expect(reads).toEqual({ lastEvents: expect.any(Array), aggregatedMetrics: expect.any(Object) });

    const before = hub.liveSubscriptions();
    const live = subscribe<{ eventStream: { id: string } }>(
      hub.wsUrl,
      'subscription { eventStream { id } }',
    );
    try {
      await waitFor(() => hub.liveSubscriptions() > before || live.errors.length > 0);
      const { sendEvent } = await graphqlData<{ sendEvent: { id: string } }>(
        app,
        SEND_EVENT,
        { input: EVENT },
        { 'x-api-key': KEY },
      );
      await waitFor(() => live.received.length > 0);
      expect(live.received).toEqual([{ eventStream: { id: sendEvent.id } }]);
    } finally {
      await live.leave();
    }
  });
});
