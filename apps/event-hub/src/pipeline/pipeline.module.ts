import { Module } from '@nestjs/common';
import { ConsumerGroupLagGauge } from './consumer-group-lag.gauge';
import { PipelineMetrics } from './pipeline.metrics';

/**
 * What the ingest and the consumer groups share: one set of Prometheus counters. Every role
 * imports it, so every role's /metrics also carries the groups' lag.
 */
@Module({ providers: [PipelineMetrics, ConsumerGroupLagGauge], exports: [PipelineMetrics] })
export class PipelineModule {}
