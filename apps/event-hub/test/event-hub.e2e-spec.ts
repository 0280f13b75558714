import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventHubModule } from '../src/event-hub.module';

describe('event-hub (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(EventHubModule.forStore('sql'), { DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => app.close());

  it('answers GET /health/ready with 200 once its database is up', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});
