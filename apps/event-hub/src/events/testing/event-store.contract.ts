import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { type INestApplication, Module } from '@nestjs/common';
import { v7 as uuidV7 } from 'uuid';
import { EventHubConfig } from '../../event-hub.config';
import type { EventStore, StoredEvent } from '../event.store';
import { type EventStoreBackend, EventStoreModule } from '../event-store.module';

/** One store per test, on an empty database of its own. */
export interface EventStoreFixture {
  open(): Promise<EventStore>;
  /** Closes the store opened last and drops its database. */
  close(): Promise<void>;
}

/**
 * Boots the backend's module as the app does (migrations or indexes included) with the given
 * environment (`DATABASE_URL` or `MONGO_URL`). Close the app with `app.close()`.
 */
export async function startEventStoreApp(
  backend: EventStoreBackend,
  env: Record<string, string>,
): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forApp({ name: 'event-store-spec', config: EventHubConfig }),
      EventStoreModule.forBackend(backend),
    ],
  })
  class EventStoreSpecModule {}
  return createTestApp(EventStoreSpecModule, env);
}

const T0 = Date.parse('2024-01-15T10:30:00.000Z');

/** An event at `T0 + minutes`, received a second later; ids are UUIDv7, made in order. */
export function storedEvent(overrides: Partial<StoredEvent> = {}, minutes = 0): StoredEvent {
  const timestamp = new Date(T0 + minutes * 60_000);
  return {
    id: uuidV7(),
    user_id: 'user123',
    event_type: 'purchase',
    amount: 150.75,
    timestamp,
    idempotency_key: null,
    received_at: new Date(timestamp.getTime() + 1000),
    ...overrides,
  };
}

/** What every EventStore adapter promises (event.store.ts), on each database it supports. */
export function runEventStoreContract(name: string, fixture: EventStoreFixture): void {
  describe(`EventStore on ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await fixture.open();
    });

    afterEach(() => fixture.close());

    const ids = (events: readonly StoredEvent[]) => events.map((event) => event.id);

    it('reads back every field as stored: timestamps to the millisecond, amounts exactly', async () => {
      const events = [
        storedEvent({
          user_id: 'user123',
          event_type: 'purchase',
          amount: 150.75,
          timestamp: new Date('2024-01-15T10:30:00.123Z'),
          received_at: new Date('2024-01-15T10:30:01.987Z'),
        }),
        storedEvent({
          user_id: 'Zażółć "quoted" \\ user',
          event_type: 'refund',
          amount: 999_999_999.99,
          timestamp: new Date('2024-01-15T10:29:59.001Z'),
          idempotency_key: 'order-42/attempt',
        }),
        storedEvent({
          event_type: 'return',
          amount: 0,
          timestamp: new Date('1999-12-31T23:59:59.999Z'),
        }),
        storedEvent({ amount: 0.01, timestamp: new Date('2038-01-19T03:14:08.000Z') }),
      ];

      expect(await store.insertMany(events)).toBe(4);

      const stored = await store.latest(10);
      expect(stored).toEqual([events[3], events[0], events[1], events[2]]);
      for (const event of stored) {
        expect(event.timestamp).toBeInstanceOf(Date);
        expect(event.received_at).toBeInstanceOf(Date);
        expect(typeof event.amount).toBe('number');
      }
    });

    it('writes nothing twice when the same batch comes again', async () => {
      const batch = [storedEvent(), storedEvent({}, 1), storedEvent({}, 2)];

      expect(await store.insertMany(batch)).toBe(3);
      expect(await store.insertMany(batch)).toBe(0);
      expect(await store.count()).toBe(3);
      expect(ids(await store.latest(10))).toEqual(ids([batch[2], batch[1], batch[0]]));
    });

    it('stores only the new events of a batch overlapping earlier ones', async () => {
      const [a, b, c, d] = [0, 1, 2, 3].map((minute) => storedEvent({}, minute));
      await store.insertMany([a, b]);

      expect(await store.insertMany([b, c, a, d])).toBe(2);
      expect(await store.count()).toBe(4);
    });

    it('keeps the first of an id repeated within one batch and counts it once', async () => {
      const event = storedEvent();
      const again = { ...event, amount: 1 };

      expect(await store.insertMany([event, again, storedEvent({}, 1)])).toBe(2);
      expect(await store.count()).toBe(2);
      expect((await store.latest(1, { from: event.timestamp, to: new Date(T0 + 1) }))[0]).toEqual(
        event,
      );
    });

    it('tells which of a list of ids are stored', async () => {
      const [a, b] = [storedEvent(), storedEvent({}, 1)];
      await store.insertMany([a, b]);
      const unknown = storedEvent().id;

      expect(await store.storedIds([unknown, b.id, a.id])).toEqual(new Set([a.id, b.id]));
      expect(await store.storedIds([unknown])).toEqual(new Set());
      expect(await store.storedIds([])).toEqual(new Set());
    });

    it('does nothing for an empty batch', async () => {
      expect(await store.insertMany([])).toBe(0);
      expect(await store.count()).toBe(0);
    });

    it('stores a batch of thousands whole', async () => {
      const batch = Array.from({ length: 5000 }, (_, i) => storedEvent({ user_id: `bulk-${i}` }));

      expect(await store.insertMany(batch)).toBe(5000);
      expect(await store.insertMany(batch.slice(4000))).toBe(0);
      expect(await store.count()).toBe(5000);
    });

    it('reads the newest first: by timestamp, then by reception, then by id', async () => {
      const at = new Date(T0);
      const early = new Date(T0 + 500);
      const late = new Date(T0 + 900);
      const older = storedEvent({}, -5);
      const first = storedEvent({ timestamp: at, received_at: early });
      const second = storedEvent({ timestamp: at, received_at: early });
      const received = storedEvent({ timestamp: at, received_at: late });
      const newest = storedEvent({}, 5);
      // Inserted out of order, in separate batches, so no store can rely on insert order.
      await store.insertMany([second, older]);
      await store.insertMany([newest, received, first]);

      expect(ids(await store.latest(10))).toEqual(ids([newest, received, second, first, older]));
    });

    it('returns at most `limit` events, the newest ones', async () => {
      const events = [0, 1, 2, 3, 4].map((minute) => storedEvent({}, minute));
      await store.insertMany(events);

      expect(ids(await store.latest(2))).toEqual(ids([events[4], events[3]]));
      expect(await store.latest(1)).toEqual([events[4]]);
      expect(await store.latest(50)).toHaveLength(5);
    });

    it('reads nothing for a limit below 1 (MongoDB reads limit 0 as "all")', async () => {
      await store.insertMany([storedEvent()]);

      expect(await store.latest(0)).toEqual([]);
      expect(await store.latest(-1)).toEqual([]);
    });

    describe('filters', () => {
      const ada1 = storedEvent({ user_id: 'ada', event_type: 'purchase' }, 0);
      const bob1 = storedEvent({ user_id: 'bob', event_type: 'refund' }, 1);
      const ada2 = storedEvent({ user_id: 'ada', event_type: 'return' }, 2);
      const ada3 = storedEvent({ user_id: 'ada', event_type: 'refund' }, 3);
      const bob2 = storedEvent({ user_id: 'bob', event_type: 'purchase' }, 4);
      const minute = (n: number) => new Date(T0 + n * 60_000);

      beforeEach(() => store.insertMany([ada1, bob1, ada2, ada3, bob2]));

      it('by user_id', async () => {
        expect(ids(await store.latest(10, { user_id: 'ada' }))).toEqual(ids([ada3, ada2, ada1]));
        expect(await store.count({ user_id: 'ada' })).toBe(3);
        expect(await store.count({ user_id: 'nobody' })).toBe(0);
      });

      it('by event_type', async () => {
        expect(ids(await store.latest(10, { event_type: 'refund' }))).toEqual(ids([ada3, bob1]));
        expect(await store.count({ event_type: 'purchase' })).toBe(2);
      });

      it('from an instant on, that instant included', async () => {
        expect(ids(await store.latest(10, { from: minute(3) }))).toEqual(ids([bob2, ada3]));
        expect(await store.count({ from: minute(3) })).toBe(2);
      });

      it('up to an instant, that instant excluded', async () => {
        expect(ids(await store.latest(10, { to: minute(1) }))).toEqual(ids([ada1]));
        expect(await store.count({ to: minute(1) })).toBe(1);
      });

      it('all of them together, with a limit', async () => {
        const filter = { user_id: 'ada', event_type: 'refund' as const, from: minute(1) };
        expect(ids(await store.latest(10, { ...filter, to: minute(4) }))).toEqual(ids([ada3]));
        expect(await store.count({ ...filter, to: minute(3) })).toBe(0);
        expect(ids(await store.latest(1, { user_id: 'bob', from: minute(0) }))).toEqual(
          ids([bob2]),
        );
      });

      it('count() without a filter counts everything', async () => {
        expect(await store.count()).toBe(5);
        expect(await store.count({})).toBe(5);
      });
    });
  });
}
