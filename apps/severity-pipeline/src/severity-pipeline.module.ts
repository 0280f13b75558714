import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { SeverityPipelineConfig } from './severity-pipeline.config';

/** JWT REST API, scheduled generator, severity dispatcher and worker queues (seed 002). */
@Module({
  imports: [
    PlatformModule.forApp({ name: 'severity-pipeline', config: SeverityPipelineConfig }),
    PersistenceModule.forRoot(),
  ],
})
export class SeverityPipelineModule {}
