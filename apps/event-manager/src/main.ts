import { bootstrapApp } from '@app/platform';
import { EventManagerConfig } from './event-manager.config';
import { EventManagerModule } from './event-manager.module';

void bootstrapApp({
  name: 'event-manager',
  module: EventManagerModule,
  config: EventManagerConfig,
});
