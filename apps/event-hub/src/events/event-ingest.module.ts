import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { StreamEventIngest } from '../pipeline/stream-event.ingest';
import { EVENT_INGEST } from './event-ingest.port';

/**
 * Provides the `EVENT_INGEST` every protocol writes to: the `events` stream on the
 * configured bus (in memory by default). Imported by each protocol's module; Nest makes one.
 */
@Module({
  imports: [PipelineModule],
  providers: [{ provide: EVENT_INGEST, useClass: StreamEventIngest }],
  exports: [EVENT_INGEST],
})
export class EventIngestModule {}
