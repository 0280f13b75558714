import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventHubMongoModule } from '../../event-hub-mongo.module';
import { METRICS_STORE } from '../metrics.store';
import { METRIC_ID_MODEL, MetricIdDocumentSchema } from './metric-id.schema';
import { METRICS_MINUTE_MODEL, MetricsMinuteDocumentSchema } from './metrics-minute.schema';
import { MongoMetricsStore } from './mongo-metrics.store';

/**
 * The buckets and the ledger in MongoDB, in MONGO_URL's database beside the events, on the
 * connection EventHubMongoModule shares with them.
 */
@Module({})
export class MongoMetricsStoreModule {
  /** `options` provides METRICS_STORE_OPTIONS (MetricsStoreModule builds it from config). */
  static withOptions(options: Provider): DynamicModule {
    return {
      module: MongoMetricsStoreModule,
      imports: [
        EventHubMongoModule,
        MongooseModule.forFeature([
          { name: METRIC_ID_MODEL, schema: MetricIdDocumentSchema },
          { name: METRICS_MINUTE_MODEL, schema: MetricsMinuteDocumentSchema },
        ]),
      ],
      providers: [options, { provide: METRICS_STORE, useClass: MongoMetricsStore }],
      exports: [METRICS_STORE],
    };
  }
}
