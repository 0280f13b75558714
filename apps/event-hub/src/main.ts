import { bootstrapApp } from '@app/platform';
import { EventHubConfig } from './event-hub.config';
import { EventHubModule } from './event-hub.module';
import { startGrpcServer } from './grpc/grpc.server';
import { setUpHttpApi } from './rest/http-api.setup';

void bootstrapApp({
  name: 'event-hub',
  module: EventHubModule,
  config: EventHubConfig,
  beforeListen: async (app, config) => {
    setUpHttpApi(app, config);
    await startGrpcServer(app, config);
  },
});
