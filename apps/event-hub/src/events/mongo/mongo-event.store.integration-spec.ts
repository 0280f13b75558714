import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { EVENT_STORE, type EventStore } from '../event.store';
import {
  runEventStoreContract,
  startEventStoreApp,
  storedEvent,
} from '../testing/event-store.contract';

// The MongoDB wire server of scripts/services.sh (or MONGO_URL). Each test gets a database of
// its own, `event_hub_test_<uuid>`, dropped afterwards: the server is shared.
// Each test boots the store on a fresh database of a shared server: give it time.
jest.setTimeout(30_000);

const serverUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

function databaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/event_hub_test_${randomUUID().replaceAll('-', '')}`;
  return url.toString();
}

let app: INestApplication | undefined;

async function open(): Promise<INestApplication> {
  app = await startEventStoreApp('mongodb', { MONGO_URL: databaseUrl() });
  return app;
}

async function close(): Promise<void> {
  await app?.get<Connection>(getConnectionToken()).dropDatabase();
  await app?.close();
  app = undefined;
}

beforeAll(() => requireService('mongo', serverUrl));

runEventStoreContract('the MongoDB wire server', {
  open: async () => (await open()).get(EVENT_STORE),
  close,
});

describe('MongoEventStore on the MongoDB wire server', () => {
  afterEach(close);

  it('creates the indexes on timestamp, user_id and event_type at start-up', async () => {
    const connection = (await open()).get<Connection>(getConnectionToken());
    const keys = (await connection.collection('events').indexes()).map((index) => index.key);

    expect(keys).toEqual(
      expect.arrayContaining([
        { timestamp: -1, received_at: -1, _id: -1 },
        { user_id: 1, timestamp: -1 },
        { event_type: 1, timestamp: -1 },
      ]),
    );
  });

  it('keeps documents as the seed shows them: snake_case fields, _id the server id', async () => {
    const started = await open();
    const event = storedEvent({ idempotency_key: 'k-1' });
    const plain = storedEvent();
    await started.get<EventStore>(EVENT_STORE).insertMany([event, plain]);

    const documents = started.get<Connection>(getConnectionToken()).collection('events');
    expect(await documents.findOne({ _id: event.id as never })).toEqual({
      _id: event.id,
      user_id: event.user_id,
      event_type: event.event_type,
      amount: event.amount,
      timestamp: event.timestamp,
      idempotency_key: 'k-1',
      received_at: event.received_at,
    });
    expect(await documents.findOne({ _id: plain.id as never })).not.toHaveProperty(
      'idempotency_key',
    );
  });
});
