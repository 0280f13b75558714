import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import request from 'supertest';
import type { EventInput } from '../src/events/event.input';
import {
  EVENT_INGEST,
  type EventIngest,
  type IngestedEvent,
} from '../src/events/event-ingest.port';
import { EVENT_STORE, type EventStore } from '../src/events/event.store';
import { newStoredEvent } from '../src/events/stored-event';
import type { EventView } from '../src/rest/event.responses';
import { createRestTestApp, eventually, SEED_BODY } from './rest-test-app';

/** The seed's curl command's `-d` argument, as the shell hands it over. */
const SEED_CURL_BODY = `{
    "user_id": "user123",
    "event_type": "purchase",
    "amount": 150.75,
    "timestamp": "2024-01-15T10:30:00Z"
  }`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A user id no other case uses, so each case reads only its own events. */
function aUser(): string {
  return `user-${randomUUID()}`;
}

function anEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...SEED_BODY, ...overrides };
}

describe('event-hub REST (e2e)', () => {
  let app: INestApplication;
  let ingest: EventIngest;
  let store: EventStore;

  beforeAll(async () => {
    app = await createRestTestApp();
    ingest = app.get<EventIngest>(EVENT_INGEST);
    store = app.get<EventStore>(EVENT_STORE);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());

  /** The next `count` events the ingest delivers live for `userId`. */
  function liveFor(userId: string, count: number): Promise<IngestedEvent[]> {
    return firstValueFrom(
      ingest.live().pipe(
        filter((event) => event.user_id === userId),
        take(count),
        toArray(),
      ),
    );
  }

  /** GET /events for one user, once it holds `count` events. */
  function storedFor(userId: string, count: number): Promise<EventView[]> {
    return eventually(async () => {
      const { body } = await http().get('/events').query({ user_id: userId }).expect(200);
      const { events } = body as { events: EventView[] };
      return events.length >= count ? events : undefined;
    }, `${count} stored events of ${userId}`);
  }

  describe('POST /events', () => {
    it("accepts the seed's curl body as it is with 202 and the event's id", async () => {
      const delivered = liveFor('user123', 1);

      const { body } = await http()
        .post('/events')
        .set('Content-Type', 'application/json')
        .send(SEED_CURL_BODY)
        .expect(202);

      expect(body).toEqual({ id: expect.stringMatching(UUID), duplicate: false });
      const [event] = await delivered;
      expect(event).toMatchObject({ id: body.id, user_id: 'user123', amount: 150.75 });
      expect(Date.parse(event.timestamp)).toBe(Date.parse(SEED_BODY.timestamp));
    });

    it('stores the event: GET /events shows it with every field', async () => {
      const user = aUser();
      const before = Date.now();

      const { body } = await http()
        .post('/events')
        .send(anEvent({ user_id: user }))
        .expect(202);

      const [stored] = await storedFor(user, 1);
      expect(stored).toEqual({
        id: body.id,
        user_id: user,
        event_type: 'purchase',
        amount: 150.75,
        timestamp: '2024-01-15T10:30:00.000Z',
        idempotency_key: null,
        received_at: expect.any(String),
      });
      expect(Date.parse(stored.received_at)).toBeGreaterThanOrEqual(before - 1);
    });

    it('answers a resent idempotency key with the first id, as a duplicate, stored once', async () => {
      const user = aUser();
      const event = anEvent({ user_id: user, idempotency_key: 'order-42' });

      const first = await http().post('/events').send(event).expect(202);
      await storedFor(user, 1);
      const again = await http().post('/events').send(event).expect(202);

      expect(first.body.duplicate).toBe(false);
      expect(again.body).toEqual({ id: first.body.id, duplicate: true });
      expect(await store.count({ user_id: user })).toBe(1);
    });

    it.each([
      ['an unknown field', { colour: 'red' }, [{ field: 'colour', reason: 'should not exist' }]],
      [
        'a wrong type',
        { amount: '150.75' },
        [{ field: 'amount', reason: 'must be a number with at most 2 decimal places' }],
      ],
      [
        'a negative amount',
        { amount: -5 },
        [
          {
            field: 'amount',
            reason: 'must not be negative (the event_type says refund or return)',
          },
        ],
      ],
      [
        'a bad timestamp',
        { timestamp: '2024-02-30T10:00:00Z' },
        [
          {
            field: 'timestamp',
            reason:
              'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z (UTC when no offset is given)',
          },
        ],
      ],
      [
        'a missing user_id',
        { user_id: undefined },
        [{ field: 'user_id', reason: 'must be a string' }],
      ],
    ])('answers %s with 400 naming the field and the reason', async (_, change, violations) => {
      const ingested = jest.spyOn(ingest, 'ingest');

      const { body } = await http().post('/events').send(anEvent(change)).expect(400);

      expect(body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: violations.map(({ field, reason }) => `${field}: ${reason}`).join('; '),
        violations,
      });
      expect(ingested).not.toHaveBeenCalled();
    });

    it('names every bad field of one body at once', async () => {
      const { body } = await http()
        .post('/events')
        .send({ user_id: '', event_type: 'gift', amount: 1, timestamp: 'yesterday', extra: 1 })
        .expect(400);

      expect(body.violations.map(({ field }: { field: string }) => field)).toEqual([
        'user_id',
        'event_type',
        'timestamp',
        'extra',
      ]);
    });

    it('answers a body that is no JSON object with 400', async () => {
      const { body } = await http().post('/events').send([SEED_BODY]).expect(400);

      expect(body.violations).toEqual([{ field: '(body)', reason: 'must be a JSON object' }]);
    });

    it('answers malformed JSON with 400', async () => {
      await http()
        .post('/events')
        .set('Content-Type', 'application/json')
        .send('{"user_id": "user123",')
        .expect(400);
    });
  });

  describe('POST /events/batch', () => {
    it('accepts {"events": [...]} with 202, every id in order, all ingested', async () => {
      const user = aUser();
      const events = [
        anEvent({ user_id: user, amount: 1 }),
        anEvent({ user_id: user, amount: 2, event_type: 'return' }),
        anEvent({ user_id: user, amount: 3, event_type: 'refund' }),
      ];
      const delivered = liveFor(user, 3);

      const { body } = await http().post('/events/batch').send({ events }).expect(202);

      expect(body).toEqual({
        accepted: 3,
        ids: [
          expect.stringMatching(UUID),
          expect.stringMatching(UUID),
          expect.stringMatching(UUID),
        ],
        duplicates: 0,
      });
      const live = await delivered;
      expect(live.map(({ id }) => id)).toEqual(body.ids);
      expect(live.map(({ amount }) => amount)).toEqual([1, 2, 3]);
    });

    it('accepts a bare JSON array of events too', async () => {
      const { body } = await http().post('/events/batch').send([anEvent(), anEvent()]).expect(202);

      expect(body).toMatchObject({ accepted: 2, duplicates: 0 });
    });

    it('answers an idempotency key repeated within the batch as a duplicate of the first', async () => {
      const user = aUser();
      const keyed = anEvent({ user_id: user, idempotency_key: 'k-1' });

      const { body } = await http()
        .post('/events/batch')
        .send({ events: [keyed, anEvent({ user_id: user }), keyed] })
        .expect(202);

      expect(body.accepted).toBe(3);
      expect(body.duplicates).toBe(1);
      expect(body.ids[2]).toBe(body.ids[0]);
      expect(await storedFor(user, 2)).toHaveLength(2);
    });

    it('refuses the whole batch when one event is bad, naming it by index, ingesting none', async () => {
      const ingested = jest.spyOn(ingest, 'ingest');

      const { body } = await http()
        .post('/events/batch')
        .send({ events: [anEvent(), anEvent(), anEvent(), anEvent({ amount: -1 }), anEvent()] })
        .expect(400);

      expect(body.violations).toEqual([
        {
          field: 'events[3].amount',
          reason: 'must not be negative (the event_type says refund or return)',
        },
      ]);
      expect(ingested).not.toHaveBeenCalled();
    });

    it('names every bad event and field of a batch', async () => {
      const { body } = await http()
        .post('/events/batch')
        .send({ events: [anEvent({ user_id: undefined }), 'purchase', anEvent({ extra: true })] })
        .expect(400);

      expect(body.violations).toEqual([
        { field: 'events[0].user_id', reason: 'must be a string' },
        { field: 'events[1]', reason: 'must be a JSON object' },
        { field: 'events[2].extra', reason: 'should not exist' },
      ]);
    });

    it('accepts a full batch of MAX_BATCH_EVENTS (1000), above the 100 kB default body limit', async () => {
      const user = aUser();
      const events = Array.from({ length: 1000 }, (_, index) =>
        anEvent({ user_id: user, amount: index, idempotency_key: `key-${index}` }),
      );
      expect(JSON.stringify({ events }).length).toBeGreaterThan(150_000);

      const { body } = await http().post('/events/batch').send({ events }).expect(202);

      expect(body.accepted).toBe(1000);
      expect(new Set(body.ids).size).toBe(1000);
    });

    it('refuses a batch over MAX_BATCH_EVENTS naming events and the limit', async () => {
      const ingested = jest.spyOn(ingest, 'ingest');
      const events = Array.from({ length: 1001 }, () => anEvent());

      const { body } = await http().post('/events/batch').send({ events }).expect(400);

      expect(body.violations).toEqual([
        { field: 'events', reason: 'must hold at most 1000 events a batch' },
      ]);
      expect(ingested).not.toHaveBeenCalled();
    });

    it.each([
      [
        'events that are no array',
        { events: 'all of them' },
        'events',
        'must be an array of events',
      ],
      ['a field besides events', { events: [], source: 'pos' }, 'source', 'should not exist'],
      ['no JSON at all', 'events', '(body)', 'must be {"events": [...]} or a JSON array of events'],
    ])('answers %s with 400', async (_, payload, field, reason) => {
      const call = http().post('/events/batch');
      const sent =
        typeof payload === 'string'
          ? call.set('Content-Type', 'text/plain').send(payload)
          : call.send(payload);

      const { body } = await sent.expect(400);

      expect(body.violations).toEqual([{ field, reason }]);
    });

    it('accepts an empty batch with nothing in it', async () => {
      const { body } = await http().post('/events/batch').send({ events: [] }).expect(202);

      expect(body).toEqual({ accepted: 0, ids: [], duplicates: 0 });
    });
  });

  describe('GET /events', () => {
    /** Stores events as the storage consumer would, `minutesApart` minutes after each other. */
    async function given(inputs: readonly Partial<EventInput>[]): Promise<string[]> {
      const events = inputs.map((input) =>
        newStoredEvent({ ...SEED_BODY, ...input } as EventInput, new Date()),
      );
      await store.insertMany(events);
      return events.map(({ id }) => id);
    }

    const at = (minute: number) => `2024-01-15T10:${String(minute).padStart(2, '0')}:00Z`;

    it("answers the latest events, newest first, in the seed's field names", async () => {
      const user = aUser();
      const [older, newer] = await given([
        { user_id: user, timestamp: at(1), idempotency_key: 'k-older' },
        { user_id: user, timestamp: at(2), event_type: 'refund', amount: 20 },
      ]);

      const { body } = await http().get('/events').query({ user_id: user }).expect(200);

      expect(body).toEqual({
        events: [
          {
            id: newer,
            user_id: user,
            event_type: 'refund',
            amount: 20,
            timestamp: '2024-01-15T10:02:00.000Z',
            idempotency_key: null,
            received_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          },
          expect.objectContaining({ id: older, idempotency_key: 'k-older' }),
        ],
      });
    });

    it('answers 50 events without a limit, and `limit` of them with one', async () => {
      const user = aUser();
      await given(
        Array.from({ length: 60 }, (_, minute) => ({ user_id: user, timestamp: at(minute % 60) })),
      );

      const all = await http().get('/events').query({ user_id: user }).expect(200);
      const five = await http().get('/events').query({ user_id: user, limit: 5 }).expect(200);

      expect(all.body.events).toHaveLength(50);
      expect(five.body.events).toHaveLength(5);
      expect(five.body.events[0].timestamp).toBe('2024-01-15T10:59:00.000Z');
    });

    it('filters by event type and by the window [from, to)', async () => {
      const user = aUser();
      const [, refundAt2, , refundAt4] = await given([
        { user_id: user, timestamp: at(1), event_type: 'refund' },
        { user_id: user, timestamp: at(2), event_type: 'refund' },
        { user_id: user, timestamp: at(3), event_type: 'purchase' },
        { user_id: user, timestamp: at(4), event_type: 'refund' },
        { user_id: user, timestamp: at(5), event_type: 'refund' },
      ]);

      const { body } = await http()
        .get('/events')
        .query({
          user_id: user,
          event_type: 'refund',
          from: at(2),
          to: '2024-01-15T10:05:00+00:00',
        })
        .expect(200);

      expect(body.events.map(({ id }: EventView) => id)).toEqual([refundAt4, refundAt2]);
    });

    it.each([
      [{ limit: '0' }, 'limit', 'must not be less than 1'],
      [{ limit: '1001' }, 'limit', 'must not be greater than 1000'],
      [{ limit: 'ten' }, 'limit', 'must be an integer number'],
      [{ event_type: 'gift' }, 'event_type', 'must be one of: purchase, return, refund'],
      [
        { from: 'yesterday' },
        'from',
        'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z',
      ],
      [
        { to: '2024-13-01T00:00:00Z' },
        'to',
        'must be an ISO 8601 date and time, like 2024-01-15T10:30:00Z',
      ],
      [{ user_id: '' }, 'user_id', 'should not be empty'],
      [{ userid: 'user123' }, 'userid', 'should not exist'],
    ])('answers %p with 400 naming %s', async (query, field, reason) => {
      const { body } = await http().get('/events').query(query).expect(400);

      expect(body.violations).toEqual([{ field, reason }]);
    });
  });
});
