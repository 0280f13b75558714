import { Module } from '@nestjs/common';
import { SeverityPipelineController } from './severity-pipeline.controller';
import { SeverityPipelineService } from './severity-pipeline.service';

@Module({
  imports: [],
  controllers: [SeverityPipelineController],
  providers: [SeverityPipelineService],
})
export class SeverityPipelineModule {}
