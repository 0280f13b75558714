import { PlatformModule } from '@app/platform';
import { controlService } from '@app/platform/testing/control-service';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { requireService } from '@app/platform/testing/require-service';
import { type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { waitFor } from '../testing/wait-for';
import { TransportConfig } from '../transport.config';
import { TransportModule } from '../transport.module';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

@Module({
  imports: [
    PlatformModule.forApp({ name: 'broker-readiness-spec', config: TransportConfig }),
    TransportModule.forRoot(),
  ],
})
class BrokersAppModule {}

/** Events on Kafka, jobs on BullMQ: `/health/ready` follows both brokers. */
describe('/health/ready of an app on Kafka and Redis', () => {
  let app: INestApplication;

  beforeAll(async () => {
    await requireService('kafka', KAFKA_BROKERS);
    await requireService('redis', REDIS_URL);
    app = await createTestApp(BrokersAppModule, { KAFKA_BROKERS, REDIS_URL });
  });

  afterAll(async () => {
    // Whatever a failed case left stopped is started again for the suites after this one.
    await Promise.all([controlService('redis', 'up'), controlService('kafka', 'up')]);
    await app?.close();
  }, 180_000);

  const ready = () => request(app.getHttpServer()).get('/health/ready');

  /** Polls readiness until it answers `status`, and returns that answer's body. */
  async function readinessBecomes(status: number): Promise<Record<string, unknown>> {
    let body: Record<string, unknown> = {};
    await waitFor(
      async () => {
        const response = await ready();
        body = response.body as Record<string, unknown>;
        return response.status === status;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    return body;
  }

  it('is ready with kafka and redis up', async () => {
    const { body } = await ready().expect(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { kafka: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  // Kafka takes ~10 s to come back (its log recovery); Redis about one.
  it.each([
    { broker: 'redis', other: 'kafka' },
    { broker: 'kafka', other: 'redis' },
  ] as const)(
    'answers 503 naming $broker while it is down, and 200 again once it is back',
    async ({ broker, other }) => {
      await controlService(broker, 'kill');
      const down = await readinessBecomes(503);
      expect(down).toMatchObject({
        status: 'error',
        error: { [broker]: { status: 'down' } },
        info: { [other]: { status: 'up' } },
      });
      // Liveness does not follow a dependency.
      await request(app.getHttpServer()).get('/health').expect(200);

      await controlService(broker, 'up');
      const back = await readinessBecomes(200);
      expect(back).toMatchObject({ info: { kafka: { status: 'up' }, redis: { status: 'up' } } });
    },
    180_000,
  );
});
