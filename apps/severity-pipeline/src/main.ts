import { bootstrapApp } from '@app/platform';
import { SeverityPipelineConfig } from './severity-pipeline.config';
import { SeverityPipelineModule } from './severity-pipeline.module';

void bootstrapApp({
  name: 'severity-pipeline',
  module: SeverityPipelineModule,
  config: SeverityPipelineConfig,
});
