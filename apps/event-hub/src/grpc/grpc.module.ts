import { Module } from '@nestjs/common';
import { EventIngestModule } from '../events/event-ingest.module';
import { EventHubGrpcController } from './event-hub.grpc.controller';

/**
 * The `EventHub` gRPC service's handlers. They serve once `startGrpcServer` has connected
 * the gRPC transport to the app (main.ts does, before the HTTP listener starts).
 */
@Module({
  imports: [EventIngestModule],
  controllers: [EventHubGrpcController],
})
export class GrpcModule {}
