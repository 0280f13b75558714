import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { Module } from '@nestjs/common';
import { SeverityPipelineConfig } from './severity-pipeline.config';

/** JWT REST API, scheduled generator, severity dispatcher and worker queues (seed 002). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'severity-pipeline', config: SeverityPipelineConfig }),
    PersistenceModule.forRoot(),
    // In-memory transport by default; the durable inbox comes from PersistenceModule.
    TransportModule.forRoot({ inbox: false }),
  ],
})
export class SeverityPipelineModule {}
