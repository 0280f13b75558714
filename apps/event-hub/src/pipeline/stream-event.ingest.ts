import type { EventEnvelope } from '@app/envelope';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
  type Subscription,
} from '@app/transport';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { EventHubConfig } from '../event-hub.config';
import { fromEventEnvelope, toEventEnvelope } from '../events/event.envelope';
import type { EventIngest, IngestedEvent, IngestResult } from '../events/event-ingest.port';
import type { EventInput } from '../events/event.input';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../events/event.store';
import { newStoredEvent } from '../events/stored-event';
import { PipelineMetrics } from './pipeline.metrics';

/**
 * The ingest of every protocol: appends accepted events to the `events` stream (Redis
 * Streams, Kafka, or in memory, as configured) and resolves once the bus has them, so a 202
 * or an OK means "will be stored". The storage and metrics consumer groups take it from
 * there, in this process or in others.
 *
 * `live()` is a tail of the same stream, so a process serving live feeds sees the events
 * every other process ingested too.
 */
@Injectable()
export class StreamEventIngest implements EventIngest, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StreamEventIngest.name);
  private readonly feed = new Subject<IngestedEvent>();
  private tail?: Subscription;

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(EVENT_SUBSCRIBER) private readonly subscriber: EventSubscriber,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: PipelineMetrics,
    private readonly config: EventHubConfig,
  ) {}

  /** Live before the app listens: a client that sees the server up misses no event. */
  async onApplicationBootstrap(): Promise<void> {
    this.tail = await this.subscriber.tail(this.config.EVENTS_STREAM, (envelope) =>
      this.toFeed(envelope),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.feed.complete();
    await this.tail?.close();
  }

  /**
   * A retried event (same user and idempotency key, so the same id) that is stored already,
   * or repeated within the batch, is answered as a duplicate and not queued again. One sent
   * again before its first copy is stored is queued twice: the consumers keep it once.
   */
  async ingest(inputs: readonly EventInput[]): Promise<IngestResult[]> {
    const receivedAt = new Date();
    const events = inputs.map((input) => newStoredEvent(input, receivedAt));
    const stored = await this.storedKeyedIds(events);
    const queued = new Set<string>();
    const fresh: StoredEvent[] = [];
    const results = events.map(({ id }, index): IngestResult => {
      if (stored.has(id) || queued.has(id)) return { id, duplicate: true };
      queued.add(id);
      fresh.push(events[index]);
      return { id, duplicate: false };
    });
    if (fresh.length > 0) {
      await this.publisher.publish(this.config.EVENTS_STREAM, fresh.map(toEventEnvelope));
      this.metrics.ingested(fresh.length);
    }
    return results;
  }

  live(): Observable<IngestedEvent> {
    return this.feed.asObservable();
  }

  private storedKeyedIds(events: readonly StoredEvent[]): Promise<Set<string>> {
    const keyed = events.filter((event) => event.idempotency_key !== null);
    if (keyed.length === 0) return Promise.resolve(new Set());
    return this.store.storedIds(keyed.map(({ id }) => id));
  }

  private async toFeed(envelope: EventEnvelope): Promise<void> {
    // Decoding costs CPU on every event: only when someone is watching.
    if (!this.feed.observed) return;
    try {
      const event = await fromEventEnvelope(envelope);
      this.feed.next({
        id: event.id,
        user_id: event.user_id,
        event_type: event.event_type,
        amount: event.amount,
        timestamp: event.timestamp.toISOString(),
        ...(event.idempotency_key !== null && { idempotency_key: event.idempotency_key }),
      });
    } catch (error) {
      this.logger.warn(`not shown live: event ${envelope.id} is invalid: ${String(error)}`);
    }
  }
}
