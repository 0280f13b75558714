import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { EventManagerConfig } from './event-manager.config';

/** GraphQL CRUD on events with an async create path through the `events` topic (seed 000). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'event-manager', config: EventManagerConfig }),
    PersistenceModule.forRoot(),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
  ],
})
export class EventManagerModule {}
