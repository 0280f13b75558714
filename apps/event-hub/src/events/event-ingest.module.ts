import { Module } from '@nestjs/common';
import { InMemoryEventIngest } from './event-ingest.in-memory';
import { EVENT_INGEST } from './event-ingest.port';

/** Provides the `EVENT_INGEST` every protocol writes to: one registration to swap it. */
@Module({
  providers: [{ provide: EVENT_INGEST, useClass: InMemoryEventIngest }],
  exports: [EVENT_INGEST],
})
export class EventIngestModule {}
