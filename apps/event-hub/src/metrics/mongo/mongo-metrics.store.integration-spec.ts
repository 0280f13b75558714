import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import mongoose, { type Connection, type Model } from 'mongoose';
import { EVENT_STORE, type EventStore } from '../../events/event.store';
import { storedEvent } from '../../events/testing/event-store.contract';
import { METRICS_STORE, type MetricsStore } from '../metrics.store';
import type { MetricsStoreOptions } from '../metrics-store.options';
import {
  at,
  runMetricsStoreContract,
  sample,
  startMetricsStoreApp,
} from '../testing/metrics-store.contract';
import { METRIC_ID_MODEL, type MetricIdDocument } from './metric-id.schema';

// The MongoDB wire server of scripts/services.sh (or MONGO_URL). Each test gets a database of
// its own, `event_hub_metrics_test_<uuid>`, dropped afterwards: the server is shared.
// Each test boots the store on a fresh database of a shared server: give it time.
jest.setTimeout(30_000);

const serverUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

let app: INestApplication | undefined;

async function open(overrides: Partial<MetricsStoreOptions> = {}): Promise<INestApplication> {
  const url = new URL(serverUrl);
  url.pathname = `/event_hub_metrics_test_${randomUUID().replaceAll('-', '')}`;
  app = await startMetricsStoreApp('mongodb', { MONGO_URL: url.toString() }, overrides);
  return app;
}

function started(): INestApplication {
  if (!app) throw new Error('no store is open');
  return app;
}

async function close(): Promise<void> {
  await app?.get<Connection>(getConnectionToken()).dropDatabase();
  await app?.close();
  app = undefined;
}

beforeAll(() => requireService('mongo', serverUrl));

runMetricsStoreContract('the MongoDB wire server', {
  open: async (overrides) => (await open(overrides)).get(METRICS_STORE),
  close,
  // The ledger insert is the second write: fail it as a process dying before it would.
  interruptRecords: async () => {
    const ledger = started().get<Model<MetricIdDocument>>(getModelToken(METRIC_ID_MODEL));
    const insert = jest
      .spyOn(ledger.collection, 'insertMany')
      .mockRejectedValue(new Error('interrupted'));
    return async () => insert.mockRestore();
  },
});

describe('MongoMetricsStore on the MongoDB wire server', () => {
  afterEach(close);

  it('creates the ledger TTL index and the buckets index at start-up', async () => {
    const connection = (await open()).get<Connection>(getConnectionToken());

    expect(await connection.collection('metric_ids').indexes()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { expires_at: 1 }, expireAfterSeconds: 0 }),
      ]),
    );
    expect((await connection.collection('metrics_minutes').indexes()).map((i) => i.key)).toEqual(
      expect.arrayContaining([{ minute: 1, event_type: 1 }]),
    );
  });

  it('keeps buckets and ledger entries as documented: ids, minutes, cents', async () => {
    const started = await open();
    const store = started.get<MetricsStore>(METRICS_STORE);
    const event = sample({ event_type: 'refund', amount: 150.75 }, 42);
    const before = Date.now();
    await store.record([event, sample({ event_type: 'refund', amount: 0.25 }, 59)]);

    const connection = started.get<Connection>(getConnectionToken());
    const bucket = await connection
      .collection('metrics_minutes')
      .findOne({ _id: '2024-01-15T10:30Z|refund' as never });
    expect(bucket).toEqual({
      _id: '2024-01-15T10:30Z|refund',
      minute: at(0),
      event_type: 'refund',
      count: 2,
      total_cents: 15100,
    });
    const entry = await connection
      .collection<MetricIdDocument>('metric_ids')
      .findOne({ _id: event.id.toLowerCase() });
    expect(entry?.counted_at.getTime()).toBeGreaterThanOrEqual(before);
    expect(entry && entry.expires_at.getTime() - entry.counted_at.getTime()).toBe(24 * 3_600_000);
  });

  it('counts an event twice, never zero times, when a crash cut its batch short', async () => {
    const started = await open();
    const store = started.get<MetricsStore>(METRICS_STORE);
    const ledger = started.get<Model<MetricIdDocument>>(getModelToken(METRIC_ID_MODEL));
    const batch = [sample({ amount: 1 }), sample({ amount: 2 })];
    jest.spyOn(ledger.collection, 'insertMany').mockRejectedValueOnce(new Error('interrupted'));

    await expect(store.record(batch)).rejects.toThrow('interrupted');
    expect(await store.record(batch)).toBe(2);

    expect(store.features.exactlyOnceOnCrash).toBe(false);
    expect(await store.buckets(at(0), at(60))).toEqual([
      { minute: at(0), event_type: 'purchase', count: 4, total_amount: 6 },
    ]);
  });

  it('shares one connection with the events: one database holds both', async () => {
    const started = await open();
    const connection = started.get<Connection>(getConnectionToken());
    await started.get<EventStore>(EVENT_STORE).insertMany([storedEvent()]);
    await started.get<MetricsStore>(METRICS_STORE).record([sample()]);

    expect(mongoose.connections.filter((c) => c.name === connection.name)).toHaveLength(1);
    expect(Object.keys(connection.models)).toEqual(
      expect.arrayContaining(['Event', 'MetricId', 'MetricsMinute']),
    );
    expect(await connection.collection('events').countDocuments()).toBe(1);
    expect(await connection.collection('metrics_minutes').countDocuments()).toBe(1);
  });
});
