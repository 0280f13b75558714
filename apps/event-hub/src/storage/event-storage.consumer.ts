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
import { EVENT_STORE, type EventStore, type StoredEvent } from '../events/event.store';
import { EventGroupConsumer, type EventGroupSettings } from '../pipeline/event-group.consumer';
import { PipelineMetrics } from '../pipeline/pipeline.metrics';

/** The storage consumer group: each event of the stream stored once, a batch per bulk insert. */
export const STORAGE_GROUP = 'event-hub.storage';

/**
 * Writes the `events` stream to the EventStore (MongoDB `event_hub.events` in production) in
 * batches. The store keeps each id once, so a batch redelivered after a crash, or an event
 * queued twice by a client's retry, is stored exactly once.
 */
@Injectable()
@ReadinessCheck()
export class EventStorageConsumer extends EventGroupConsumer {
  constructor(
    @Inject(EVENT_SUBSCRIBER) subscriber: EventSubscriber,
    @Inject(EVENT_PUBLISHER) publisher: EventPublisher,
    metrics: PipelineMetrics,
    health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: EventHubConfig,
  ) {
    super(subscriber, publisher, metrics, health);
  }

  protected settings(): EventGroupSettings {
    return {
      stream: this.config.EVENTS_STREAM,
      group: STORAGE_GROUP,
      maxBatchSize: this.config.STORAGE_BATCH_SIZE,
      concurrency: this.config.STORAGE_CONCURRENCY,
    };
  }

  protected consume(events: readonly StoredEvent[]): Promise<number> {
    return this.store.insertMany(events);
  }
}
