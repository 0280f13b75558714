import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PipelineModule } from '../pipeline/pipeline.module';
import { EventMetricsConsumer } from './event-metrics.consumer';

/** The metrics consumer group's member (role `metrics-consumer`, or `all`). */
@Module({
  imports: [PipelineModule, TerminusModule],
  providers: [EventMetricsConsumer],
  exports: [EventMetricsConsumer],
})
export class EventMetricsModule {}
