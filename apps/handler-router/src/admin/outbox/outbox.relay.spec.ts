import { createEnvelope, type EventEnvelope } from '@app/envelope';
import type { EventPublisher } from '@app/transport';
import { deferred } from '@app/transport/testing';
import type { AdminStore } from '../admin.store';
import type { OutboxRepository, PendingEvent } from './outbox.repository';
import { OutboxRelay } from './outbox.relay';

/** The outbox table as a list, behind the one method of AdminStore the relay uses. */
class FakeOutbox implements Pick<OutboxRepository, 'oldest' | 'remove'> {
  rows: PendingEvent[] = [];
  private seq = 0;

  add(topic: string, type: string): EventEnvelope {
    const envelope = createEnvelope({ type, source: '/test', data: { n: this.seq } });
    this.rows.push({ seq: ++this.seq, topic, envelope });
    return envelope;
  }

  oldest(limit: number): Promise<PendingEvent[]> {
    return Promise.resolve(this.rows.slice(0, limit));
  }

  remove(seqs: readonly number[]): Promise<void> {
    this.rows = this.rows.filter((row) => !seqs.includes(row.seq));
    return Promise.resolve();
  }
}

describe('OutboxRelay', () => {
  let outbox: FakeOutbox;
  let published: { topic: string; types: string[] }[];
  let publish: jest.Mock<Promise<void>, [string, EventEnvelope | readonly EventEnvelope[]]>;
  let relay: OutboxRelay;

  beforeEach(() => {
    outbox = new FakeOutbox();
    published = [];
    publish = jest.fn((topic, events) => {
      published.push({ topic, types: [events].flat().map((event) => event.type) });
      return Promise.resolve();
    });
    const publisher: EventPublisher = { publish };
    const store: Pick<AdminStore, 'read'> = {
      read: (work) => work({ outbox } as unknown as Parameters<typeof work>[0]),
    };
    relay = new OutboxRelay(store as AdminStore, publisher);
  });

  afterEach(() => relay.onModuleDestroy());

  it('publishes oldest first, one call per run of a topic, and empties the outbox', async () => {
    outbox.add('user_events', 'USER_CREATED');
    outbox.add('user_events', 'USER_UPDATED');
    outbox.add('role_events', 'ROLE_CREATED');
    outbox.add('user_events', 'USER_DELETED');

    await relay.flush();

    expect(published).toEqual([
      { topic: 'user_events', types: ['USER_CREATED', 'USER_UPDATED'] },
      { topic: 'role_events', types: ['ROLE_CREATED'] },
      { topic: 'user_events', types: ['USER_DELETED'] },
    ]);
    expect(outbox.rows).toEqual([]);
  });

  it('stops at the first refused event, keeps it and what follows, and resolves', async () => {
    outbox.add('user_events', 'USER_CREATED');
    outbox.add('role_events', 'ROLE_CREATED');
    outbox.add('user_events', 'USER_DELETED');
    publish
      .mockImplementationOnce(() => Promise.resolve())
      .mockImplementationOnce(() => Promise.reject(new Error('the bus is down')));

    await expect(relay.flush()).resolves.toBeUndefined();
    expect(outbox.rows.map((row) => row.envelope.type)).toEqual(['ROLE_CREATED', 'USER_DELETED']);

    await relay.flush();
    expect(published.map((call) => call.types)).toEqual([['ROLE_CREATED'], ['USER_DELETED']]);
    expect(outbox.rows).toEqual([]);
  });

  it('runs one more round for a caller that came while a round was publishing', async () => {
    const gate = deferred();
    outbox.add('user_events', 'USER_CREATED');
    publish.mockImplementationOnce(async (topic, events) => {
      await gate.promise;
      published.push({ topic, types: [events].flat().map((event) => event.type) });
    });

    const first = relay.flush();
    // Committed after the running round read the outbox.
    outbox.add('user_events', 'USER_UPDATED');
    const second = relay.flush();
    const third = relay.flush();
    gate.resolve();
    await Promise.all([first, second, third]);

    expect(published.map((call) => call.types)).toEqual([['USER_CREATED'], ['USER_UPDATED']]);
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('publishes nothing once the module is being destroyed', async () => {
    await relay.onModuleDestroy();
    outbox.add('user_events', 'USER_CREATED');

    await relay.flush();

    expect(publish).not.toHaveBeenCalled();
  });
});
