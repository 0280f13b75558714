import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventManagerModule } from '../src/event-manager.module';
import { EventsConsumer } from '../src/events/consumer/events.consumer';

describe('event-manager (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(EventManagerModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  it('answers GET /health/ready with 200 once its database is up and its consumer has joined', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, eventsConsumer: { status: 'up' } },
    });
  });

  it('answers 503 on /health/ready naming the consumer while it is not a member of its group, and 200 on /health (alive)', async () => {
    const consumer = app.get(EventsConsumer);
    await consumer.stop();
    try {
      const live = await request(app.getHttpServer()).get('/health').expect(200);
      expect(live.body).toMatchObject({ status: 'ok', info: {} });
      const { body } = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(body).toMatchObject({
        status: 'error',
        error: {
          eventsConsumer: { status: 'down', message: 'not a member of its consumer group (yet)' },
        },
      });
    } finally {
      await consumer.start();
    }
  });
});
