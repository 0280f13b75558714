import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { METRICS_STORE, type MetricsStore } from '../metrics/metrics.store';
import { aggregateMetrics, metricsWindow } from './aggregated-metrics';
import { AggregatedMetricsArgs } from './aggregated-metrics.args';
import { AggregatedMetrics } from './aggregated-metrics.model';

/** The seed's `aggregatedMetrics`, read from the per-minute buckets the metrics consumer keeps. */
@Resolver(() => AggregatedMetrics)
export class MetricsResolver {
  constructor(@Inject(METRICS_STORE) private readonly metrics: MetricsStore) {}

  @Query(() => AggregatedMetrics, {
    description:
      'Totals of the events accepted in the last `minutes` whole minutes, the current one ' +
      'included (`from` and `to` say which), overall and per event type.',
  })
  async aggregatedMetrics(@Args() { minutes }: AggregatedMetricsArgs): Promise<AggregatedMetrics> {
    const window = metricsWindow(new Date(), minutes);
    return aggregateMetrics(window, await this.metrics.buckets(window.from, window.to));
  }
}
