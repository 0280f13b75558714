import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { EventStoreBackend } from '../events/event-store.module';
import { type MetricsStoreOptions, metricsStoreOptionsProvider } from './metrics-store.options';

type MongoModuleFile = typeof import('./mongo/mongo-metrics-store.module');
type SqlModuleFile = typeof import('./sql/sql-metrics-store.module');

/**
 * Provides METRICS_STORE on the backend the events use (eventStoreBackend): MongoDB's
 * buckets beside its events, or the SQL database's. Importable with
 * `EventStoreModule.forBackend` of the same backend: both share one connection
 * (EventHubSqlModule or EventHubMongoModule, which Nest instantiates once however often it
 * is imported).
 *
 * The backend's module is loaded on demand, as EventStoreModule does, so the embedded
 * default never loads mongoose. `overrides` replace options read from config (tests set a
 * clock).
 */
@Module({})
export class MetricsStoreModule {
  static forBackend(
    backend: EventStoreBackend,
    overrides: Partial<MetricsStoreOptions> = {},
  ): DynamicModule {
    const options = metricsStoreOptionsProvider(overrides);
    const store = backend === 'mongodb' ? loadMongoModule(options) : loadSqlModule(options);
    return { module: MetricsStoreModule, global: true, imports: [store], exports: [store] };
  }
}

// `require`, not `import()`: see EventStoreModule.
function loadMongoModule(options: Provider): DynamicModule {
  const loaded = require('./mongo/mongo-metrics-store.module') as MongoModuleFile;
  return loaded.MongoMetricsStoreModule.withOptions(options);
}

function loadSqlModule(options: Provider): DynamicModule {
  const loaded = require('./sql/sql-metrics-store.module') as SqlModuleFile;
  return loaded.SqlMetricsStoreModule.withOptions(options);
}
