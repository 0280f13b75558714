import { randomUUID } from 'node:crypto';
import { AppProcess, freePort } from '@app/platform/testing/app-process';
import { requireService } from '@app/platform/testing/require-service';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { HubClients, waitFor } from './hub.clients';
import { type RunningHub, startHub } from './hub.harness';
import { describePipeline } from './pipeline.scenarios';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MONGO_ROOT = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** Processes start through ts-node; four at once on two cores take a while. */
const START_MS = 180_000;

const run = randomUUID().slice(0, 8);

/** A database and a stream of this run's own, so runs never see each other's events. */
function isolated(name: string): { MONGO_URL: string; EVENTS_STREAM: string; LOG_LEVEL: string } {
  return {
    MONGO_URL: `${MONGO_ROOT}/event_hub_it_${name}_${run}`,
    EVENTS_STREAM: `events_it_${name}_${run}`,
    LOG_LEVEL: 'warn',
  };
}

async function dropDatabase(url: string): Promise<void> {
  const connection = await mongoose.createConnection(url).asPromise();
  await connection.dropDatabase();
  await connection.close();
}

describe('event-hub on Redis Streams + the MongoDB wire server, one process per role', () => {
  const env = { REDIS_URL, ...isolated('roles'), EVENTS_CLAIM_IDLE_MS: '2000' };
  let grpcPort: number;
  let app: AppProcess;
  let grpc: AppProcess;
  let metrics: AppProcess;
  let storage: AppProcess;
  let clients: HubClients;

  beforeAll(async () => {
    await requireService('redis', REDIS_URL);
    await requireService('mongo', MONGO_ROOT);
    grpcPort = await freePort();
    app = new AppProcess('event-hub', { ...env, ROLE: 'app' });
    grpc = new AppProcess('event-hub', {
      ...env,
      ROLE: 'grpc-server',
      GRPC_PORT: String(grpcPort),
    });
    metrics = new AppProcess('event-hub', { ...env, ROLE: 'metrics-consumer' });
    storage = new AppProcess('event-hub', { ...env, ROLE: 'storage-consumer' });
    await Promise.all([app, grpc, metrics, storage].map((part) => part.start()));
    clients = new HubClients(app.url, `127.0.0.1:${grpcPort}`);
  }, START_MS);

  afterAll(async () => {
    clients?.close();
    await Promise.all([app, grpc, metrics, storage].map((part) => part?.stop()));
    const redis = new Redis(REDIS_URL);
    await redis.del(env.EVENTS_STREAM, `${env.EVENTS_STREAM}.dlq`);
    redis.disconnect();
    await dropDatabase(env.MONGO_URL);
  }, 60_000);

  describePipeline(() => ({ clients }), 30_000);

  it('keeps every event in the Redis stream and in event_hub.events as the seed checks them', async () => {
    const user = `seed-check-${randomUUID()}`;
    const { body } = await clients.postEvent({
      user_id: user,
      event_type: 'purchase',
      amount: 150.75,
      timestamp: '2024-01-15T10:30:00Z',
    });
    await waitFor(
      () => clients.lastEvents(1, user),
      (events) => events.length === 1,
      'the event stored',
    );

    // redis-cli XRANGE <stream> - +
    const redis = new Redis(REDIS_URL);
    const entries = (await redis.xrange(env.EVENTS_STREAM, '-', '+')) as [string, string[]][];
    redis.disconnect();
    const envelopes = entries.map(([, fields]) =>
      JSON.parse(fields[fields.indexOf('envelope') + 1]),
    );
    expect(envelopes).toContainEqual(
      expect.objectContaining({
        id: body.id,
        type: 'PURCHASE',
        data: expect.objectContaining({ user_id: user, amount: 150.75 }),
      }),
    );
    // mongosh <database> --eval "db.events.find()"
    const connection = await mongoose.createConnection(env.MONGO_URL).asPromise();
    const documents = await connection.collection('events').find({ user_id: user }).toArray();
    await connection.close();
    expect(documents).toEqual([
      expect.objectContaining({
        _id: body.id,
        event_type: 'purchase',
        amount: 150.75,
        timestamp: new Date('2024-01-15T10:30:00Z'),
      }),
    ]);
  }, 60_000);

  it('stores each event exactly once when the storage consumer is killed and restarted', async () => {
    const user = `crash-${randomUUID()}`;
    const batches = 20;
    const perBatch = 250;
    const sent: string[] = [];
    const send = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const events = Array.from({ length: perBatch }, (_, n) => ({
          user_id: user,
          event_type: 'purchase',
          amount: 1,
          timestamp: new Date().toISOString(),
          idempotency_key: `order-${sent.length + n}`,
        }));
        const { status, body } = await clients.postBatch(events);
        expect(status).toBe(202);
        sent.push(...(body.ids as string[]));
      }
    };

    await send(batches / 2);
    // Killed while it stores: once some, not all, of the first half is in.
    await waitFor(
      () => clients.lastEvents(1, user),
      (events) => events.length > 0,
      'storing under way',
    );
    await storage.stop('SIGKILL');
    await send(batches / 2);
    await storage.start();

    const total = batches * perBatch;
    const connection = await mongoose.createConnection(env.MONGO_URL).asPromise();
    try {
      const events = connection.collection('events');
      await waitFor(
        () => events.countDocuments({ user_id: user }),
        (count) => count >= total,
        `all ${total} events stored`,
        60_000,
      );
      expect(new Set(sent).size).toBe(total);
      const ids = await events.distinct('_id', { user_id: user });
      expect(ids.length).toBe(total);
      expect(await events.countDocuments({ user_id: user })).toBe(total);
    } finally {
      await connection.close();
    }
  }, 180_000);
});

describe('event-hub on Kafka (the same pipeline, EVENT_BUS by KAFKA_BROKERS)', () => {
  const env = { KAFKA_BROKERS, ...isolated('kafka') };
  let hub: RunningHub;

  beforeAll(async () => {
    await requireService('kafka', KAFKA_BROKERS);
    await requireService('mongo', MONGO_ROOT);
    hub = await startHub(env);
  }, START_MS);

  afterAll(async () => {
    await hub?.close();
    await dropDatabase(env.MONGO_URL);
  }, 60_000);

  describePipeline(() => hub, 30_000);
});
