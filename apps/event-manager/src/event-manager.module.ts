import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { GraphqlApiModule } from '@app/platform/graphql/graphql-api.module';
import { TransportModule } from '@app/transport';
import { assertRoleCanRunAlone } from '@app/transport/roles';
import { type DynamicModule, Module } from '@nestjs/common';
import { EventManagerConfig, type EventManagerRole } from './event-manager.config';
import { EventSchema } from './events/event.entity';
import { EventsModule } from './events/events.module';
import { M101Events } from './events/migrations/m101-events.migration';
import { EVENTS_TOPIC_PARTITIONS } from './events/events.topic';

/** GraphQL CRUD on events with an async create path through the `events` topic (seed 000). */
@Module({})
export class EventManagerModule {
  /** The module for one process: `ROLE` says whether it serves GraphQL, consumes, or both. */
  static forConfig(config: EventManagerConfig): DynamicModule {
    assertRoleCanRunAlone('event-manager', config.ROLE, config);
    return EventManagerModule.forRole(config.ROLE);
  }

  static forRole(role: EventManagerRole): DynamicModule {
    return {
      module: EventManagerModule,
      imports: [
        PlatformModule.forApp({ name: 'event-manager', config: EventManagerConfig }),
        PersistenceModule.forRoot({ entities: [EventSchema], migrations: [M101Events] }),
        // In-memory transport by default; the durable inbox comes from PersistenceModule.
        TransportModule.forRoot({ inbox: false, kafka: { partitions: EVENTS_TOPIC_PARTITIONS } }),
        ...(role === 'consumer' ? [] : [GraphqlApiModule.forRoot()]),
        EventsModule.forRole(role),
      ],
    };
  }
}
