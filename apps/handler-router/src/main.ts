import { bootstrapApp } from '@app/platform';
import { setUpHandlerRouterApiDocs } from './api-docs';
import { HandlerRouterConfig } from './handler-router.config';
import { HandlerRouterModule } from './handler-router.module';

void bootstrapApp({
  name: 'handler-router',
  module: HandlerRouterModule,
  config: HandlerRouterConfig,
  beforeListen: async (app, config) => {
    // A router-only process serves no API: nothing to document.
    if (config.ROLE !== 'router') setUpHandlerRouterApiDocs(app);
  },
});
