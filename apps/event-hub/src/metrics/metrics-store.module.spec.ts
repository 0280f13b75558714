import { AppConfig, PlatformModule, validateConfig } from '@app/platform';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { MikroORM } from '@mikro-orm/core';
import { type INestApplication, Module } from '@nestjs/common';
import { EventHubConfig } from '../event-hub.config';
import { EVENT_STORE, type EventStore } from '../events/event.store';
import { storedEvent } from '../events/testing/event-store.contract';
import { METRICS_STORE, type MetricsStore } from './metrics.store';
import { MetricsStoreModule } from './metrics-store.module';
import { metricsStoreOptions } from './metrics-store.options';
import { sample, startMetricsStoreApp } from './testing/metrics-store.contract';

describe('MetricsStoreModule on the SQL backend', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('shares the events’ database: one MikroORM holds both stores’ tables', async () => {
    app = await startMetricsStoreApp('sql', { DATABASE_URL: 'sqlite::memory:' });
    await app.get<EventStore>(EVENT_STORE).insertMany([storedEvent()]);
    await app.get<MetricsStore>(METRICS_STORE).record([sample(), sample()]);

    // An in-memory SQLite database is private to its connection: a second ORM would see
    // neither table of the other store.
    const em = app.get(MikroORM).em.fork();
    expect(await em.getConnection().execute('select count(*) as n from "events"')).toEqual([
      { n: 1 },
    ]);
    expect(await em.getConnection().execute('select count(*) as n from "metric_ids"')).toEqual([
      { n: 2 },
    ]);
  });

  it('brings its database without the events’ module too', async () => {
    @Module({
      imports: [
        PlatformModule.forApp({ name: 'metrics-store-spec', config: EventHubConfig }),
        MetricsStoreModule.forBackend('sql'),
      ],
    })
    class MetricsOnlyModule {}
    app = await createTestApp(MetricsOnlyModule, { DATABASE_URL: 'sqlite::memory:' });

    expect(await app.get<MetricsStore>(METRICS_STORE).record([sample()])).toBe(1);
  });
});

describe('the metrics store options', () => {
  const options = (config: AppConfig) => metricsStoreOptions(config);
  const config = (env: Record<string, string>) => validateConfig(EventHubConfig, env);

  it('remember counted ids for 24 hours by default', () => {
    expect(options(config({})).ledgerRetentionMs).toBe(24 * 3_600_000);
    expect(options(new AppConfig()).ledgerRetentionMs).toBe(24 * 3_600_000);
  });

  it('remember them for METRICS_LEDGER_RETENTION_HOURS', () => {
    expect(options(config({ METRICS_LEDGER_RETENTION_HOURS: '72' })).ledgerRetentionMs).toBe(
      72 * 3_600_000,
    );
  });

  it.each(['0', '1.5', 'a day'])('refuse METRICS_LEDGER_RETENTION_HOURS=%s', (hours) => {
    expect(() => config({ METRICS_LEDGER_RETENTION_HOURS: hours })).toThrow(
      /METRICS_LEDGER_RETENTION_HOURS/,
    );
  });
});
