import {
  deadLetterEvent,
  type Delivery,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { BackgroundSubscription } from '@app/transport/routing';
import type { ReadinessIndicator } from '@app/platform';
import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { fromEventEnvelope } from '../events/event.envelope';
import type { StoredEvent } from '../events/event.store';
import type { PipelineMetrics } from './pipeline.metrics';

/** How one consumer group of the `events` stream takes its batches. */
export interface EventGroupSettings {
  /** The stream to read (EVENTS_STREAM). */
  readonly stream: string;
  /** The group's name (`event-hub.storage`): each group receives every event once. */
  readonly group: string;
  readonly maxBatchSize: number;
  /** Batches this process handles at once. */
  readonly concurrency: number;
}

/**
 * A member of one consumer group of the `events` stream: decodes each batch, hands the good
 * events to `consume` and dead-letters the bad ones (to `events.dlq`, with the field and the
 * reason). `consume` must be idempotent by event id: a batch comes again when a process
 * died before acknowledging it (Redis Streams: claimed from the pending list by a live
 * member; Kafka: the uncommitted offsets), and that is all the crash recovery there is.
 *
 * Joins in the background, so `/health` answers (and says `down`) while it joins; a
 * subclass marked `@ReadinessCheck()` reports under its group's name.
 */
export abstract class EventGroupConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, ReadinessIndicator
{
  protected readonly logger = new Logger(this.constructor.name);
  private member?: BackgroundSubscription;

  protected constructor(
    private readonly subscriber: EventSubscriber,
    private readonly publisher: EventPublisher,
    protected readonly metrics: PipelineMetrics,
    private readonly health: HealthIndicatorService,
  ) {}

  /** The group and batch sizes, read once when the member joins. */
  protected abstract settings(): EventGroupSettings;

  /** Does the group's work for the valid events of one batch; returns how many were new. */
  protected abstract consume(events: readonly StoredEvent[]): Promise<number>;

  /** The group this member belongs to, for health and metrics. */
  get group(): string {
    return this.settings().group;
  }

  /** Whether this process is a member of its group and handling events. */
  get joined(): boolean {
    return this.member?.joined ?? false;
  }

  check(): Promise<HealthIndicatorResult> {
    const session = this.health.check(this.group);
    return Promise.resolve(
      this.joined ? session.up() : session.down('not a member of its consumer group (yet)'),
    );
  }

  onApplicationBootstrap(): void {
    this.member ??= this.join();
  }

  /** Leaves after the batches in hand are done: nothing lost, nothing half-done. */
  async beforeApplicationShutdown(): Promise<void> {
    const member = this.member;
    this.member = undefined;
    await member?.close();
  }

  /** Resolves once this member has joined its group. */
  async ready(): Promise<void> {
    this.member ??= this.join();
    await this.member.ready;
  }

  /** Handles one batch: the good events first, then the bad ones set aside. */
  async handle(batch: readonly Delivery[]): Promise<void> {
    const { group } = this.settings();
    const good: StoredEvent[] = [];
    const bad: { delivery: Delivery; error: Error }[] = [];
    for (const delivery of batch) {
      try {
        good.push(await fromEventEnvelope(delivery.event));
      } catch (error) {
        // Decoding looks at this one entry alone: whatever it throws, the entry is bad, and
        // rethrowing would redeliver the whole batch forever.
        bad.push({ delivery, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
    if (good.length > 0) this.metrics.consumed(group, await this.consume(good));
    for (const { delivery, error } of bad) {
      this.logger.warn(`dead-lettering event ${delivery.event.id}: ${error.message}`);
      await deadLetterEvent({
        publisher: this.publisher,
        handlerName: group,
        event: delivery.event,
        context: delivery.context,
        error,
      });
    }
    if (bad.length > 0) this.metrics.deadLettered(group, bad.length);
  }

  private join(): BackgroundSubscription {
    const { stream, group, maxBatchSize, concurrency } = this.settings();
    const where = `group "${group}" on "${stream}"`;
    return new BackgroundSubscription(
      where,
      async () => {
        const subscription = await this.subscriber.subscribeBatch(
          stream,
          (batch) => this.handle(batch),
          { group, maxBatchSize, concurrency },
        );
        this.logger.log(`consuming as ${where}`);
        return subscription;
      },
      this.logger,
    );
  }
}
