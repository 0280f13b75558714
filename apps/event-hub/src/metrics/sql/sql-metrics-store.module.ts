import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { EventHubSqlModule } from '../../event-hub-sql.module';
import { METRICS_STORE } from '../metrics.store';
import { SqlMetricsStore } from './sql-metrics.store';

/**
 * The buckets in event-hub's SQL database, beside the events: EventHubSqlModule is the one
 * connection both share, however many of the two modules an app imports.
 */
@Module({})
export class SqlMetricsStoreModule {
  /** `options` provides METRICS_STORE_OPTIONS (MetricsStoreModule builds it from config). */
  static withOptions(options: Provider): DynamicModule {
    return {
      module: SqlMetricsStoreModule,
      imports: [EventHubSqlModule],
      providers: [options, { provide: METRICS_STORE, useClass: SqlMetricsStore }],
      exports: [METRICS_STORE],
    };
  }
}
