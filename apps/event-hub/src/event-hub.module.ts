import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { type DynamicModule, Module } from '@nestjs/common';
import { EventHubConfig } from './event-hub.config';
import {
  type EventStoreBackend,
  eventStoreBackend,
  EventStoreModule,
} from './events/event-store.module';
import { GrpcModule } from './grpc/grpc.module';
import { RestModule } from './rest/rest.module';

/** Business-event ingest over REST, gRPC and GraphQL with per-minute metrics (seed 003). */
@Module({})
export class EventHubModule {
  /** The module for one process: `MONGO_URL` set keeps the events in MongoDB, else in SQL. */
  static forConfig(config: EventHubConfig): DynamicModule {
    return EventHubModule.forStore(eventStoreBackend(config));
  }

  static forStore(backend: EventStoreBackend): DynamicModule {
    return {
      module: EventHubModule,
      imports: [
        PlatformModule.forApp({ name: 'event-hub', config: EventHubConfig }),
        // The store's module brings its database, and with it the durable inbox.
        EventStoreModule.forBackend(backend),
        // In-memory transport by default.
        TransportModule.forRoot({ inbox: false }),
        GrpcModule,
        RestModule,
      ],
    };
  }
}
