import request from 'supertest';
import { type RunningShop, startShop } from './shop.harness';
import { describeShop } from './shop.scenarios';

/** The shop on the embedded default: in-memory bus, SQLite, API and projector in one process. */
describe('shop (e2e, embedded)', () => {
  let running: RunningShop;

  beforeAll(async () => {
    running = await startShop({ DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => running.close());

  it('answers GET /health/ready with 200 once its database is up', async () => {
    const { body } = await request(running.app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  describeShop(() => running.shop);
});
