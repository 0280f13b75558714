import { waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import {
  EVENT_INGEST,
  type EventIngest,
  type IngestedEvent,
} from '../src/events/event-ingest.port';
import { createGraphqlTestApp, graphql, graphqlData, type GraphqlError } from './graphql-test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SEND_EVENT = `mutation($input: EventInput!) { sendEvent(input: $input) { id duplicate } }`;
const SEND_EVENTS = `mutation($events: [EventInput!]!) {
  sendEvents(events: $events) { accepted ids duplicates }
}`;

function anEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId: 'user123',
    eventType: 'purchase',
    amount: 150.75,
    timestamp: '2024-01-15T10:30:00Z',
    ...overrides,
  };
}

describe('event-hub GraphQL: sendEvent and sendEvents (e2e)', () => {
  let app: INestApplication;
  /** Every event the ingest accepted, in order, since the app started. */
  const ingested: IngestedEvent[] = [];
  let watching: Subscription;

  beforeAll(async () => {
    ({ app } = await createGraphqlTestApp({ MAX_BATCH_EVENTS: '5' }));
    watching = app
      .get<EventIngest>(EVENT_INGEST)
      .live()
      .subscribe((event) => ingested.push(event));
  });

  afterAll(async () => {
    watching?.unsubscribe();
    await app?.close();
  });

  /** Errors of an operation that must have failed. */
  async function refused(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<GraphqlError[]> {
    const answer = await graphql(app, query, variables);
    expect(answer.errors).toBeDefined();
    return [...answer.errors!];
  }

  /**
   * Sends a good marker event and waits for it: the ingest keeps order, so every event it
   * accepted before the marker is in `ingested` once the marker is.
   */
  async function ingestedBeforeMarker(): Promise<IngestedEvent[]> {
    const { sendEvent } = await graphqlData<{ sendEvent: { id: string } }>(app, SEND_EVENT, {
      input: anEvent({ userId: 'marker' }),
    });
    await waitFor(() => ingested.some(({ id }) => id === sendEvent.id));
    return ingested.splice(0).slice(0, -1);
  }

  it('sendEvent ingests the event with the shared field names and answers its new id', async () => {
    ingested.splice(0);
    const { sendEvent } = await graphqlData<{ sendEvent: { id: string; duplicate: boolean } }>(
      app,
      SEND_EVENT,
      { input: anEvent({ idempotencyKey: null }) },
    );

    expect(sendEvent).toEqual({ id: expect.stringMatching(UUID), duplicate: false });
    const [event, ...others] = await ingestedBeforeMarker();
    expect(others).toEqual([]);
    expect(event).toEqual({
      id: sendEvent.id,
      user_id: 'user123',
      event_type: 'purchase',
      amount: 150.75,
      timestamp: expect.any(String),
    });
    expect(new Date(event.timestamp).toISOString()).toBe('2024-01-15T10:30:00.000Z');
  });

  it('sendEvent with a known idempotency key answers the first id as a duplicate', async () => {
    const input = anEvent({ idempotencyKey: 'order-42' });
    const first = await graphqlData<{ sendEvent: { id: string } }>(app, SEND_EVENT, { input });
    const again = await graphqlData<{ sendEvent: { id: string } }>(app, SEND_EVENT, { input });

    expect(again.sendEvent).toEqual({ id: first.sendEvent.id, duplicate: true });
  });

  it('sendEvents ingests a batch in order and answers the ids in order', async () => {
    ingested.splice(0);
    const { sendEvents } = await graphqlData<{ sendEvents: { ids: string[] } }>(app, SEND_EVENTS, {
      events: [
        anEvent({ amount: 1 }),
        anEvent({ amount: 2, eventType: 'return' }),
        anEvent({ amount: 3, eventType: 'refund' }),
      ],
    });

    expect(sendEvents).toEqual({
      accepted: 3,
      ids: [expect.stringMatching(UUID), expect.stringMatching(UUID), expect.stringMatching(UUID)],
      duplicates: 0,
    });
    const batch = await ingestedBeforeMarker();
    expect(batch.map(({ id }) => id)).toEqual(sendEvents.ids);
    expect(batch.map(({ amount, event_type }) => [amount, event_type])).toEqual([
      [1, 'purchase'],
      [2, 'return'],
      [3, 'refund'],
    ]);
  });

  it('sendEvents counts the duplicates of a batch', async () => {
    const { sendEvents } = await graphqlData<{ sendEvents: { ids: string[] } }>(app, SEND_EVENTS, {
      events: [anEvent({ idempotencyKey: 'twice' }), anEvent({ idempotencyKey: 'twice' })],
    });

    expect(sendEvents).toEqual({
      accepted: 2,
      ids: [sendEvents.ids[0], sendEvents.ids[0]],
      duplicates: 1,
    });
  });

  it('sendEvents accepts an empty batch with nothing in it', async () => {
    expect(await graphqlData(app, SEND_EVENTS, { events: [] })).toEqual({
      sendEvents: { accepted: 0, ids: [], duplicates: 0 },
    });
  });

  describe('bad input', () => {
    beforeEach(() => ingested.splice(0));

    it('names each bad field of sendEvent as the client wrote it, with the reason, and ingests nothing', async () => {
      const errors = await refused(SEND_EVENT, {
        input: anEvent({ userId: '', eventType: 'gift', timestamp: 'yesterday' }),
      });

      expect(errors).toEqual([
        expect.objectContaining({
          path: ['sendEvent'],
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            violations: [
              { field: 'input.userId', reason: 'should not be empty' },
              { field: 'input.eventType', reason: 'must be one of: purchase, return, refund' },
              {
                field: 'input.timestamp',
                reason:
                  'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z (UTC when no offset is given)',
              },
            ],
          }),
        }),
      ]);
      expect(errors[0].message).toMatch(/^Invalid input: input\.userId: should not be empty; /);
      expect(await ingestedBeforeMarker()).toEqual([]);
    });

    it.each([
      [-5, 'must not be negative (the eventType says refund or return)'],
      [1.005, 'must be a number with at most 2 decimal places'],
      [1_000_000_000.01, 'must not be greater than 1000000000'],
    ])('refuses amount %p with the reason', async (amount, reason) => {
      const errors = await refused(SEND_EVENT, { input: anEvent({ amount }) });

      expect(errors[0].extensions).toEqual(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          violations: [{ field: 'input.amount', reason }],
        }),
      );
      expect(await ingestedBeforeMarker()).toEqual([]);
    });

    it('refuses an idempotency key over 128 characters', async () => {
      const errors = await refused(SEND_EVENT, {
        input: anEvent({ idempotencyKey: 'k'.repeat(129) }),
      });

      expect(errors[0].extensions?.violations).toEqual([
        {
          field: 'input.idempotencyKey',
          reason: 'must be shorter than or equal to 128 characters',
        },
      ]);
    });

    it('refuses a missing or mistyped field before the resolver runs, naming it', async () => {
      const { userId: _omitted, ...withoutUser } = anEvent();
      const missing = await refused(SEND_EVENT, { input: withoutUser });
      const mistyped = await refused(SEND_EVENT, { input: anEvent({ amount: '150.75' }) });

      expect(missing[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(missing[0].message).toContain(
        'Field "userId" of required type "String!" was not provided',
      );
      expect(mistyped[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(mistyped[0].message).toContain('at "input.amount"');
      expect(await ingestedBeforeMarker()).toEqual([]);
    });

    it('refuses a whole batch for one bad event, naming it by its index, and ingests none of it', async () => {
      const errors = await refused(SEND_EVENTS, {
        events: [anEvent(), anEvent(), anEvent(), anEvent({ amount: -1, userId: '' })],
      });

      expect(errors[0].extensions).toEqual(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          violations: [
            { field: 'events[3].userId', reason: 'should not be empty' },
            {
              field: 'events[3].amount',
              reason: 'must not be negative (the eventType says refund or return)',
            },
          ],
        }),
      );
      expect(await ingestedBeforeMarker()).toEqual([]);
    });

    it('names every bad event of a batch, up to 20 violations', async () => {
      const errors = await refused(SEND_EVENTS, {
        events: [anEvent({ amount: -1 }), anEvent(), anEvent({ eventType: 'gift' })],
      });

      expect(errors[0].extensions?.violations?.map(({ field }) => field)).toEqual([
        'events[0].amount',
        'events[2].eventType',
      ]);
    });

    it('refuses a batch over MAX_BATCH_EVENTS, naming events', async () => {
      const errors = await refused(SEND_EVENTS, {
        events: Array.from({ length: 6 }, () => anEvent()),
      });

      expect(errors[0]).toMatchObject({
        message: 'Invalid input: events: must hold at most 5 events a batch',
        extensions: {
          code: 'BAD_USER_INPUT',
          violations: [{ field: 'events', reason: 'must hold at most 5 events a batch' }],
        },
      });
      expect(await ingestedBeforeMarker()).toEqual([]);
    });
  });
});
