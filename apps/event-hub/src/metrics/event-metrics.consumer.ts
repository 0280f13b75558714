import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { ReadinessCheck } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EventHubConfig } from '../event-hub.config';
import type { StoredEvent } from '../events/event.store';
import { EventGroupConsumer, type EventGroupSettings } from '../pipeline/event-group.consumer';
import { PipelineMetrics } from '../pipeline/pipeline.metrics';
import { METRICS_STORE, type MetricsStore } from './metrics.store';

/** The metrics consumer group: the seed's `metrics-consumer`. */
export const METRICS_GROUP = 'event-hub.metrics';

/**
 * Adds each event of the `events` stream to its per-minute bucket (count and total amount
 * per type) in the MetricsStore, which `aggregatedMetrics` reads. The store counts an id
 * once, so redelivered batches are not counted twice (see MetricsStoreFeatures for MongoDB).
 */
@Injectable()
@ReadinessCheck()
export class EventMetricsConsumer extends EventGroupConsumer {
  constructor(
    @Inject(EVENT_SUBSCRIBER) subscriber: EventSubscriber,
    @Inject(EVENT_PUBLISHER) publisher: EventPublisher,
    metrics: PipelineMetrics,
    health: HealthIndicatorService,
    @Inject(METRICS_STORE) private readonly store: MetricsStore,
    private readonly config: EventHubConfig,
  ) {
    super(subscriber, publisher, metrics, health);
  }

  protected settings(): EventGroupSettings {
    return {
      stream: this.config.EVENTS_STREAM,
      group: METRICS_GROUP,
      maxBatchSize: this.config.METRICS_BATCH_SIZE,
      concurrency: 1,
    };
  }

  protected consume(events: readonly StoredEvent[]): Promise<number> {
    return this.store.record(
      events.map(({ id, event_type, amount, received_at }) => ({
        id,
        event_type,
        amount,
        at: received_at,
      })),
    );
  }
}
