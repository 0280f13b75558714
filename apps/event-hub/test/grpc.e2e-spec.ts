import { freePort } from '@app/platform/testing/app-process';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { type ClientReadableStream, type ServiceError, status } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import { EventHubModule } from '../src/event-hub.module';
import { EVENT_STORE, type EventStore } from '../src/events/event.store';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  sendEvent,
  sendEvents,
  streamEvents,
} from '../src/grpc/event-hub.client';
import type { EventInputMessage, EventMessage } from '../src/grpc/event-hub.messages';
import { startGrpcServer } from '../src/grpc/grpc.server';
import { eventually } from './rest-test-app';

function anEvent(overrides: Partial<EventInputMessage> = {}): Partial<EventInputMessage> {
  return {
    user_id: 'user123',
    event_type: 'purchase',
    amount: 150.75,
    timestamp: '2024-01-15T10:30:00Z',
    ...overrides,
  };
}

/** Collects what a live stream delivers until `count` events have come, or fails after 5 s. */
function take(stream: ClientReadableStream<EventMessage>, count: number): Promise<EventMessage[]> {
  const received: EventMessage[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`got ${received.length} of ${count} events`)),
      5_000,
    );
    stream.on('data', (event: EventMessage) => {
      received.push(event);
      if (received.length === count) {
        clearTimeout(timer);
        resolve(received);
      }
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

describe('event-hub gRPC (e2e)', () => {
  let app: INestApplication;
  let client: EventHubGrpcClient;
  const open: ClientReadableStream<EventMessage>[] = [];

  beforeAll(async () => {
    const port = await freePort();
    app = await createTestApp(EventHubModule.forStore('sql'), {
      DATABASE_URL: 'sqlite::memory:',
      GRPC_MAX_STREAM_EVENTS: '5',
    });
    await startGrpcServer(app, { GRPC_HOST: '127.0.0.1', GRPC_PORT: port });
    client = createEventHubClient(`127.0.0.1:${port}`);
  });

  afterEach(() => {
    for (const stream of open.splice(0)) {
      stream.on('error', () => undefined);
      stream.cancel();
    }
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  async function live(request = {}): Promise<ClientReadableStream<EventMessage>> {
    const stream = await streamEvents(client, request);
    open.push(stream);
    return stream;
  }

  it('SendEvent answers the new event id', async () => {
    const reply = await sendEvent(client, anEvent());

    expect(reply.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.duplicate).toBe(false);
  });

  it('SendEvent with the idempotency key of a stored event answers its id as a duplicate', async () => {
    const first = await sendEvent(
      client,
      anEvent({ user_id: 'retrying-user', idempotency_key: 'order-42' }),
    );
    const store = app.get<EventStore>(EVENT_STORE);
    await eventually(
      async () => ((await store.storedIds([first.id])).size ? true : undefined),
      'the first copy stored',
    );

    const again = await sendEvent(
      client,
      anEvent({ user_id: 'retrying-user', idempotency_key: 'order-42' }),
    );

    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await store.count({ user_id: 'retrying-user' })).toBe(1);
  });

  it('SendEvents with 3 events answers accepted 3 and their ids in order', async () => {
    const stream = await live({ user_id: 'batch-user' });
    const delivered = take(stream, 3);

    const reply = await sendEvents(client, [
      anEvent({ user_id: 'batch-user', amount: 1 }),
      anEvent({ user_id: 'batch-user', amount: 2, event_type: 'return' }),
      anEvent({ user_id: 'batch-user', amount: 3, event_type: 'refund' }),
    ]);

    expect(reply.accepted).toBe(3);
    expect(reply.ids).toHaveLength(3);
    expect(reply.duplicates).toBe(0);
    expect((await delivered).map(({ id }) => id)).toEqual(reply.ids);
  });

  it('StreamEvents delivers the events ingested after it subscribed, with every field', async () => {
    const stream = await live();
    const delivered = take(stream, 2);

    const one = await sendEvent(
      client,
      anEvent({
        user_id: 'live-1',
        idempotency_key: 'k-live',
        timestamp: '2024-01-15T13:30+03:00',
      }),
    );
    const two = await sendEvent(client, anEvent({ user_id: 'live-2', event_type: 'refund' }));

    const events = await delivered;
    expect(events).toEqual([
      {
        id: one.id,
        user_id: 'live-1',
        event_type: 'purchase',
        amount: 150.75,
        // The instant the caller named, in UTC with milliseconds, as stored.
        timestamp: '2024-01-15T10:30:00.000Z',
        idempotency_key: 'k-live',
      },
      expect.objectContaining({ id: two.id, user_id: 'live-2', event_type: 'refund' }),
    ]);
  });

  it('StreamEvents filters by event type and user', async () => {
    const refunds = await live({ event_type: 'refund', user_id: 'filter-user' });
    const delivered = take(refunds, 1);

    await sendEvent(client, anEvent({ user_id: 'filter-user', event_type: 'purchase' }));
    await sendEvent(client, anEvent({ user_id: 'someone-else', event_type: 'refund' }));
    const refund = await sendEvent(
      client,
      anEvent({ user_id: 'filter-user', event_type: 'refund' }),
    );

    expect((await delivered).map(({ id }) => id)).toEqual([refund.id]);
  });

  it('answers bad input with INVALID_ARGUMENT naming the field and the reason', async () => {
    const error = await rejection(sendEvent(client, anEvent({ amount: -5 })));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^amount: must not be negative\b/);
  });

  it('names every bad field of a message', async () => {
    const error = await rejection(
      sendEvent(client, { user_id: '', event_type: 'gift', amount: 1, timestamp: 'yesterday' }),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    const fields = error.details.split('; ').map((violation) => violation.split(':')[0]);
    expect(fields).toEqual(['user_id', 'event_type', 'timestamp']);
    expect(error.details).toContain('event_type: must be one of: purchase, return, refund');
  });

  it('rejects a client stream with one bad event by its index and ingests none of it', async () => {
    const stream = await live({ user_id: 'all-or-nothing' });
    const seen: EventMessage[] = [];
    stream.on('data', (event: EventMessage) => seen.push(event));

    const error = await rejection(
      sendEvents(client, [
        anEvent({ user_id: 'all-or-nothing' }),
        anEvent({ user_id: 'all-or-nothing' }),
        anEvent({ user_id: 'all-or-nothing' }),
        anEvent({ user_id: 'all-or-nothing', amount: -1 }),
      ]),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^events\[3\]\.amount: must not be negative\b/);
    // A later good event is the first the live stream sees: nothing of the rejected stream came.
    const marker = await sendEvent(client, anEvent({ user_id: 'all-or-nothing' }));
    await new Promise<void>((resolve) => {
      const check = () => (seen.length > 0 ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(seen.map(({ id }) => id)).toEqual([marker.id]);
  });

  it('answers an unknown event type filter with INVALID_ARGUMENT', async () => {
    const error = await rejection(streamEvents(client, { event_type: 'gift' }));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('event_type: must be one of: purchase, return, refund');
  });

  it('an empty client stream is accepted with nothing in it', async () => {
    expect(await sendEvents(client, [])).toEqual({ accepted: 0, ids: [], duplicates: 0 });
  });

  it('refuses a client stream longer than GRPC_MAX_STREAM_EVENTS', async () => {
    const error = await rejection(
      sendEvents(
        client,
        Array.from({ length: 6 }, () => anEvent()),
      ),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('events: must be at most 5 messages a stream');
  });
});
