import { createEnvelope, deadLetterTopic, type EventEnvelope } from '@app/envelope';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
  readDeadLetter,
} from '@app/transport';
import { EVENT_STORE, type EventStore } from '../src/events/event.store';
import { waitFor } from './hub.clients';
import { type RunningHub, startHub } from './hub.harness';

/** An entry as another producer might append it to the stream: any data at all. */
function appended(data: unknown, id?: string): EventEnvelope {
  return createEnvelope({ type: 'PURCHASE', source: '/legacy-shop', data, id });
}

const good = {
  user_id: 'legacy-user',
  event_type: 'purchase',
  amount: 12.5,
  timestamp: '2024-01-15T10:30:00Z',
};

describe('event-hub consumers and entries that are no valid event (embedded)', () => {
  let hub: RunningHub;
  const deadLettered: EventEnvelope[] = [];

  beforeAll(async () => {
    hub = await startHub({ DATABASE_URL: 'sqlite::memory:' });
    const subscriber = hub.app.get<EventSubscriber>(EVENT_SUBSCRIBER);
    await subscriber.subscribe(
      deadLetterTopic('events'),
      (event) => Promise.resolve(void deadLettered.push(event)),
      { group: 'dead-letter-spec' },
    );
  });

  afterAll(() => hub?.close());

  it('stores the good events of a batch and dead-letters each bad one with the field and reason', async () => {
    const publisher = hub.app.get<EventPublisher>(EVENT_PUBLISHER);
    const store = hub.app.get<EventStore>(EVENT_STORE);
    const bad = [
      appended({ ...good, amount: 1e-7 }),
      appended({ ...good, event_type: 'gift' }),
      appended('not an object'),
    ];
    const fine = appended(good);

    await publisher.publish('events', [bad[0], fine, bad[1], bad[2]]);

    await waitFor(
      () => Promise.resolve(deadLettered.length),
      (count) => count >= 2 * bad.length,
      'both groups dead-lettering the three bad entries',
    );
    expect(await store.storedIds([fine.id, ...bad.map(({ id }) => id)])).toEqual(
      new Set([fine.id]),
    );
    const reasons = (id: string) =>
      deadLettered.filter((event) => event.id === id).map((event) => readDeadLetter(event)?.error);
    expect(reasons(bad[0].id)).toEqual(
      Array(2).fill('data.amount: must be a number with at most 2 decimal places'),
    );
    expect(reasons(bad[1].id)).toEqual(
      Array(2).fill('data.event_type: must be one of: purchase, return, refund'),
    );
    expect(reasons(bad[2].id)).toEqual(Array(2).fill('data: must be an object with the event'));
    expect(new Set(deadLettered.map((event) => readDeadLetter(event)?.group))).toEqual(
      new Set(['event-hub.storage', 'event-hub.metrics']),
    );
  });
});
