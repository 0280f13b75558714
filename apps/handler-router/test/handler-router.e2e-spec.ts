import { createTestApp } from '@app/platform/testing/create-test-app';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { HandlerRouterModule } from '../src/handler-router.module';

describe('handler-router (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(HandlerRouterModule.forRole('all'), {
      DATABASE_URL: 'sqlite::memory:',
    });
  });

  afterAll(() => app.close());

  it('answers GET /health/ready with 200 once its database is up and the router has joined', async () => {
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, eventRouter: { status: 'up' } },
    });
  });

  it('serves the global registration list at GET /handlers', async () => {
    const { body } = await request(app.getHttpServer()).get('/handlers').expect(200);

    expect(body.router).toBe('handler-router');
    expect(body.handlers[0]).toMatchObject({ group: 'handler-router.role_events' });
    expect(
      body.handlers.map(
        (h: { topic: string; event: string; handler: string }) =>
          `${h.topic} ${h.event} ${h.handler}`,
      ),
    ).toEqual([
      'role_events CLAIM_ADDED ClaimAddedHandler',
      'role_events CLAIM_REMOVED ClaimRemovedHandler',
      'role_events ROLE_CREATED RoleCreatedHandler',
      'role_events ROLE_DELETED RoleDeletedHandler',
      'role_events ROLE_UPDATED RoleUpdatedHandler',
      'user_events USER_CREATED UserCreatedHandler',
      'user_events USER_DELETED UserDeletedHandler',
      'user_events USER_UPDATED UserUpdatedHandler',
    ]);
  });
});
