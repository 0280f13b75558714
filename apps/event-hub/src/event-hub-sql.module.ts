import { PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { EventSchema } from './events/sql/event.entity';
import { M101Events } from './events/sql/migrations/m101-events.migration';
import { METRICS_SQL_ENTITIES, METRICS_SQL_MIGRATIONS } from './metrics/sql/sql-metrics.schema';

/**
 * event-hub's one SQL database (SQLite by default, PostgreSQL by DATABASE_URL) with the
 * tables of both its stores. `PersistenceModule.forRoot` builds the app's MikroORM instance,
 * so it may appear once: the events' and the metrics' SQL modules both import this class,
 * which Nest instantiates once, and they share one connection and one list of migrations
 * (applied in this order).
 */
@Module({
  imports: [
    PersistenceModule.forRoot({
      entities: [EventSchema, ...METRICS_SQL_ENTITIES],
      migrations: [M101Events, ...METRICS_SQL_MIGRATIONS],
    }),
  ],
})
export class EventHubSqlModule {}
