import { randomUUID } from 'node:crypto';
import { controlService, crashAndRecover } from '@app/platform/testing/control-service';
import { requireService } from '@app/platform/testing/require-service';
import mongoose, { type Connection } from 'mongoose';

// The MongoDB wire server of scripts/services.sh commits after every command: an
// acknowledged write must survive the server being killed with SIGKILL.
const serverUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const DOCUMENTS = 2000;

async function connect(url: string): Promise<Connection> {
  return mongoose.createConnection(url, { serverSelectionTimeoutMS: 20_000 }).asPromise();
}

describe('the MongoDB wire server', () => {
  const url = (() => {
    const parsed = new URL(serverUrl);
    parsed.pathname = `/durability_${randomUUID().slice(0, 8)}`;
    return parsed.toString();
  })();

  beforeAll(() => requireService('mongo', serverUrl));

  afterAll(async () => {
    await controlService('mongo', 'up');
    const connection = await connect(url);
    await connection.dropDatabase();
    await connection.close();
  });

  it(`keeps all ${DOCUMENTS} acknowledged writes when the server is killed with SIGKILL`, async () => {
    const writer = await connect(url);
    const orders = writer.collection('orders');
    // One insert per document, each acknowledged before the next batch starts.
    for (let start = 0; start < DOCUMENTS; start += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => orders.insertOne({ n: start + i })));
    }
    await writer.close(true);

    await crashAndRecover('mongo');

    const reader = await connect(url);
    try {
      expect(await reader.collection('orders').countDocuments()).toBe(DOCUMENTS);
    } finally {
      await reader.close();
    }
  }, 120_000);
});
