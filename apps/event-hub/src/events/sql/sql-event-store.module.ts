import { Module } from '@nestjs/common';
import { EventHubSqlModule } from '../../event-hub-sql.module';
import { EVENT_STORE } from '../event.store';
import { SqlEventStore } from './sql-event.store';

/** The events in SQLite (the embedded default) or PostgreSQL, as DATABASE_URL says. */
@Module({
  imports: [EventHubSqlModule],
  providers: [{ provide: EVENT_STORE, useClass: SqlEventStore }],
  exports: [EVENT_STORE],
})
export class SqlEventStoreModule {}
