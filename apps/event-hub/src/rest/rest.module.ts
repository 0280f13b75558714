import { Module } from '@nestjs/common';
import { EventIngestModule } from '../events/event-ingest.module';
import { EventsController } from './events.controller';

/**
 * The REST API at `/events` (EVENT_STORE comes from the global EventStoreModule). Its docs at
 * `/docs` and its body size limit are set up by `setUpHttpApi` before the app listens.
 */
@Module({
  imports: [EventIngestModule],
  controllers: [EventsController],
})
export class RestModule {}
