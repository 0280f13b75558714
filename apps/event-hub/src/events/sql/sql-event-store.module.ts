import { PersistenceModule } from '@app/persistence';
import { Module } from '@nestjs/common';
import { EVENT_STORE } from '../event.store';
import { EventSchema } from './event.entity';
import { M101Events } from './migrations/m101-events.migration';
import { SqlEventStore } from './sql-event.store';

/** The events in SQLite (the embedded default) or PostgreSQL, as DATABASE_URL says. */
@Module({
  imports: [PersistenceModule.forRoot({ entities: [EventSchema], migrations: [M101Events] })],
  providers: [{ provide: EVENT_STORE, useClass: SqlEventStore }],
  exports: [EVENT_STORE],
})
export class SqlEventStoreModule {}
