import { Module } from '@nestjs/common';
import { EventIngestModule } from '../events/event-ingest.module';
import { EventsResolver } from './events.resolver';
import { MetricsResolver } from './metrics.resolver';
import { SendEventsResolver } from './send-events.resolver';

/**
 * event-hub's GraphQL API: `lastEvents`, `aggregatedMetrics`, `eventStream`, `sendEvent` and
 * `sendEvents`. Served by the app's `GraphqlApiModule.forRoot()` at `/graphql`; reads
 * EVENT_STORE and METRICS_STORE, which the app's store modules provide.
 */
@Module({
  imports: [EventIngestModule],
  providers: [EventsResolver, MetricsResolver, SendEventsResolver],
  exports: [EventsResolver, MetricsResolver, SendEventsResolver],
})
export class EventHubGraphqlModule {}
