import { bootstrapApp } from '@app/platform';
import { HandlerRouterConfig } from './handler-router.config';
import { HandlerRouterModule } from './handler-router.module';

void bootstrapApp({
  name: 'handler-router',
  module: HandlerRouterModule,
  config: HandlerRouterConfig,
});
