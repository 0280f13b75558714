import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import mongoose from 'mongoose';
import { type RunningShop, startShop } from './shop.harness';
import { describeShop } from './shop.scenarios';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const MONGO_BASE = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';

/**
 * The shop on real parts: `shop_events` on Kafka, the stores in MongoDB (the wire server
 * here, a real MongoDB for users), API and projector in one process. The database is this
 * run's own; the topic is the shop's, so the replay also reads what earlier runs left in it
 * (the scenarios compare this run's documents, and those are the newest).
 */
async function dropDatabase(url: string): Promise<void> {
  const connection = await mongoose.createConnection(url).asPromise();
  await connection.dropDatabase();
  await connection.close();
}

describe('shop on Kafka + MongoDB (integration)', () => {
  const mongoUrl = `${MONGO_BASE}/shop_it_${randomUUID().slice(0, 8)}`;
  let running: RunningShop;

  beforeAll(async () => {
    await requireService('kafka', KAFKA_BROKERS);
    await requireService('mongo', MONGO_BASE);
    running = await startShop({ KAFKA_BROKERS, MONGO_URL: mongoUrl, LOG_LEVEL: 'warn' });
  }, 90_000);

  afterAll(async () => {
    await running?.close();
    await dropDatabase(mongoUrl);
  });

  describeShop(() => running.shop, 90_000);
});
