import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { HandlerRouterConfig } from './handler-router.config';

/** Routes events by (topic, event name) to registered handlers that write an audit log (seed 001). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'handler-router', config: HandlerRouterConfig }),
    PersistenceModule.forRoot(),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
  ],
})
export class HandlerRouterModule {}
