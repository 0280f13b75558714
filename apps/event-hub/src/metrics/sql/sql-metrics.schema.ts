import { M102MetricsBuckets } from './migrations/m102-metrics-buckets.migration';
import { MetricIdSchema } from './metric-id.entity';
import { MetricsMinuteSchema } from './metrics-minute.entity';

/**
 * The metrics' tables for event-hub's one SQL database (EventHubSqlModule), which lists them
 * beside the events' own: the app has one MikroORM instance, so one list of each.
 */
export const METRICS_SQL_ENTITIES = [MetricIdSchema, MetricsMinuteSchema];
export const METRICS_SQL_MIGRATIONS = [M102MetricsBuckets];
