import { bootstrapApp } from '@app/platform';
import { EventHubConfig } from './event-hub.config';
import { EventHubModule, servesGrpc } from './event-hub.module';
import { startGrpcServer } from './grpc/grpc.server';
import { servesHttpApi, setUpHttpApi } from './rest/http-api.setup';

void bootstrapApp({
  name: 'event-hub',
  module: EventHubModule,
  config: EventHubConfig,
  beforeListen: async (app, config) => {
    if (servesHttpApi(config.ROLE)) setUpHttpApi(app, config);
    if (servesGrpc(config.ROLE)) await startGrpcServer(app, config);
  },
});
