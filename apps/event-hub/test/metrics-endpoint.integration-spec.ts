import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { METRICS_GROUP } from '../src/metrics/event-metrics.consumer';
import { STORAGE_GROUP } from '../src/storage/event-storage.consumer';
import { waitFor } from './hub.clients';
import { type RunningHub, startHub } from './hub.harness';
import { type Scrape, scrapeMetrics } from './metrics.scrape';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MONGO_ROOT = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const TIMEOUT_MS = 30_000;

const run = randomUUID().slice(0, 8);
/** A stream and a database of this run's own, so runs never see each other's events. */
const env = {
  REDIS_URL,
  EVENTS_STREAM: `events_it_lag_${run}`,
  MONGO_URL: `${MONGO_ROOT}/event_hub_it_lag_${run}`,
  LOG_LEVEL: 'warn',
};

const eventOf = (user: string) => ({
  user_id: user,
  event_type: 'purchase',
  amount: 5,
  timestamp: new Date().toISOString(),
});

describe('event-hub GET /metrics on Redis Streams: consumer-group lag seen from a process that only ingests', () => {
  let app: RunningHub;
  let storage: RunningHub | undefined;
  const user = `lag-${run}`;

  /** Scrapes the `app` role until `done` holds for what it reports. */
  const appReports = (done: (scrape: Scrape) => boolean, what: string) =>
    waitFor(() => scrapeMetrics(app.app), done, what, TIMEOUT_MS);
  const lag = (scrape: Scrape, group: string) =>
    scrape.value('event_hub_consumer_group_lag', { group });

  beforeAll(async () => {
    await requireService('redis', REDIS_URL);
    await requireService('mongo', MONGO_ROOT);
    app = await startHub({ ...env, ROLE: 'app' });
  }, TIMEOUT_MS);

  afterAll(async () => {
    await storage?.close();
    await app?.close();
    const redis = new Redis(REDIS_URL);
    await redis.del(env.EVENTS_STREAM, `${env.EVENTS_STREAM}.dlq`);
    redis.disconnect();
    const connection = await mongoose.createConnection(env.MONGO_URL).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }, TIMEOUT_MS);

  it(
    'reports no lag while nothing was sent (the stream does not exist yet)',
    async () => {
      const scrape = await scrapeMetrics(app.app);
      expect(lag(scrape, STORAGE_GROUP)).toBe(0);
      expect(lag(scrape, METRICS_GROUP)).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'counts every ingested event as storage lag while no storage consumer runs, growing with each send',
    async () => {
      expect(
        (await app.clients.postBatch([eventOf(user), eventOf(user), eventOf(user)])).status,
      ).toBe(202);
      // The groups were never created: they lag by everything in the stream.
      let scrape = await appReports(
        (metrics) => lag(metrics, STORAGE_GROUP) === 3,
        'a storage lag of 3',
      );
      expect(scrape.value('event_hub_events_ingested_total')).toBe(3);
      expect(lag(scrape, METRICS_GROUP)).toBe(3);

      await app.clients.postEvent(eventOf(user));
      await app.clients.postEvent(eventOf(user));
      scrape = await appReports(
        (metrics) => lag(metrics, STORAGE_GROUP) === 5,
        'a storage lag of 5',
      );
      expect(scrape.value('event_hub_events_ingested_total')).toBe(5);
    },
    TIMEOUT_MS,
  );

  it(
    'shows the storage lag back at 0 once a storage consumer stored them, the metrics group still behind',
    async () => {
      storage = await startHub({ ...env, ROLE: 'storage-consumer' });
      await waitFor(
        () => app.clients.lastEvents(10, user),
        (stored) => stored.length === 5,
        'the five events stored',
        TIMEOUT_MS,
      );
      const scrape = await appReports(
        (metrics) => lag(metrics, STORAGE_GROUP) === 0,
        'the storage group caught up',
      );
      expect(lag(scrape, METRICS_GROUP)).toBe(5);
      const stored = await scrapeMetrics(storage.app);
      expect(stored.value('event_hub_events_consumed_total', { group: STORAGE_GROUP })).toBe(5);
    },
    TIMEOUT_MS * 2,
  );
});
