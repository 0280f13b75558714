import { randomUUID } from 'node:crypto';
import { PlatformModule } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { requireService } from '@app/platform/testing/require-service';
import { INBOX_STORE } from '@app/transport';
import { runInboxStoreContract } from '@app/transport/testing';
import { type INestApplication, Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { MongoConfig } from './mongo.config';
import { MongoModule } from './mongo.module';

const serverUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

class TestConfig extends MongoConfig {}

@Module({
  imports: [
    PlatformModule.forApp({ name: 'mongo-spec', config: TestConfig }),
    MongoModule.forRoot(),
  ],
})
class TestAppModule {}

/** A database of its own per test, dropped afterwards. */
function databaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/mongo_spec_${randomUUID().slice(0, 8)}`;
  return url.toString();
}

describe('MongoModule on the MongoDB wire server', () => {
  let app: INestApplication | undefined;

  beforeAll(() => requireService('mongo', serverUrl));

  afterEach(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
    app = undefined;
  });

  const start = async (): Promise<INestApplication> => {
    app = await createTestApp(TestAppModule, { MONGO_URL: databaseUrl() });
    return app;
  };

  it('creates the unique inbox index at start-up', async () => {
    const connection = (await start()).get<Connection>(getConnectionToken());
    const indexes = await connection.collection('processed_events').indexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { consumer: 1, eventId: 1 }, unique: true }),
    );
  });

  it('answers /health/ready with mongodb up', async () => {
    const { body } = await request((await start()).getHttpServer())
      .get('/health/ready')
      .expect(200);
    expect(body.info).toMatchObject({ mongodb: { status: 'up' } });
  });

  describe('its inbox store', () => {
    runInboxStoreContract('MongoDB wire server', async () => (await start()).get(INBOX_STORE));
  });
});
