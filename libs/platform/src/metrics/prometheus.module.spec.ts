import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import request from 'supertest';
import { AppConfig } from '../config/app.config';
import { PlatformModule } from '../platform.module';
import { createTestApp } from '../testing/create-test-app';

/** A provider of an app that counts something on the app's registry. */
@Injectable()
class Orders {
  readonly placed: Counter;

  constructor(registry: Registry) {
    this.placed = new Counter({
      name: 'orders_placed_total',
      help: 'Orders',
      registers: [registry],
    });
  }
}

class SpecConfig extends AppConfig {}

@Module({
  imports: [PlatformModule.forApp({ name: 'metrics-spec', config: SpecConfig })],
  providers: [Orders],
})
class MetricsSpecModule {}

describe('GET /metrics', () => {
  let apps: INestApplication[];

  beforeAll(async () => {
    // Two apps in one process: each has a registry of its own.
    apps = [await createTestApp(MetricsSpecModule), await createTestApp(MetricsSpecModule)];
  });

  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it("serves Node's process metrics and the app's own, labelled with the app's name", async () => {
    apps[0].get(Orders).placed.inc(3);

    const response = await request(apps[0].getHttpServer()).get('/metrics').expect(200);

    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(/^process_cpu_seconds_total\{app="metrics-spec"\} \d/m);
    expect(response.text).toContain('orders_placed_total{app="metrics-spec"} 3');
  });

  it("keeps each app's counts apart", async () => {
    const response = await request(apps[1].getHttpServer()).get('/metrics').expect(200);

    expect(response.text).toContain('orders_placed_total{app="metrics-spec"} 0');
  });
});
