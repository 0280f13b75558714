import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { EventHubConfig } from './event-hub.config';
import { GrpcModule } from './grpc/grpc.module';

/** Business-event ingest over REST, gRPC and GraphQL with per-minute metrics (seed 003). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'event-hub', config: EventHubConfig }),
    PersistenceModule.forRoot(),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
    GrpcModule,
  ],
})
export class EventHubModule {}
