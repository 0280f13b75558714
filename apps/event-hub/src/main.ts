import { bootstrapApp } from '@app/platform';
import { EventHubConfig } from './event-hub.config';
import { EventHubModule } from './event-hub.module';
import { startGrpcServer } from './grpc/grpc.server';

void bootstrapApp({
  name: 'event-hub',
  module: EventHubModule,
  config: EventHubConfig,
  beforeListen: startGrpcServer,
});
