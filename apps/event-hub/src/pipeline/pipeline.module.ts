import { Module } from '@nestjs/common';
import { PipelineMetrics } from './pipeline.metrics';

/** What the ingest and the consumer groups share: one set of Prometheus counters. */
@Module({ providers: [PipelineMetrics], exports: [PipelineMetrics] })
export class PipelineModule {}
