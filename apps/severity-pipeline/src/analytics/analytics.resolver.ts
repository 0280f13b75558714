import { InputValidationError } from '@app/platform';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { LatestErrorsArgs, SeriesArgs, WindowArgs } from './analytics.args';
import { EventCounts, LatencyModel, SeriesPointModel, SeverityEventModel } from './analytics.model';
import { AnalyticsService, type TimeWindow } from './analytics.service';

const HOUR_MS = 3_600_000;

/** Analytics over GraphQL (the seed's Graphene part), behind the same JWT as the REST API. */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => EventCounts, { description: 'Events created in the window, by status and source.' })
  async eventCounts(@Args() args: WindowArgs): Promise<EventCounts> {
    const window = windowOf(args);
    const { byStatus, bySource } = await this.analytics.counts(window);
    const total = byStatus.reduce((sum, row) => sum + row.count, 0);
    return { ...window, total, byStatus, bySource };
  }

  @Query(() => [SeriesPointModel], { description: 'Events per minute or hour, by status.' })
  eventSeries(@Args() args: SeriesArgs): Promise<SeriesPointModel[]> {
    return this.analytics.series(windowOf(args), args.interval);
  }

  @Query(() => [SeverityEventModel], { description: 'The newest error events.' })
  latestErrors(@Args() { limit }: LatestErrorsArgs): Promise<SeverityEventModel[]> {
    return this.analytics.latestErrors(limit);
  }

  @Query(() => LatencyModel, {
    description: 'Created → processed latency of the events of the window a worker processed.',
  })
  processingLatency(@Args() args: WindowArgs): Promise<LatencyModel> {
    return this.analytics.latency(windowOf(args));
  }
}

function windowOf({ from, to }: { from?: Date; to?: Date }): TimeWindow {
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - HOUR_MS);
  if (start >= end) throw InputValidationError.of('from', 'must be before to');
  return { from: start, to: end };
}
