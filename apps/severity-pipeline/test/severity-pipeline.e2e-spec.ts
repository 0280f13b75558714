import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SeverityPipelineModule } from '../src/severity-pipeline.module';

describe('severity-pipeline (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(SeverityPipelineModule, { DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => app.close());

  it('answers GET /health/ready with 200 once its database is up', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});
