import { InputValidationError } from '@app/platform';
import {
  deadLetterEvent,
  type Delivery,
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  type EventPublisher,
  type EventSubscriber,
} from '@app/transport';
import { BackgroundSubscription } from '@app/transport/routing';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { EventManagerConfig } from '../../event-manager.config';
import type { Event } from '../event.entity';
import { EventsService } from '../events.service';
import { EVENTS_STORE_GROUP, EVENTS_TOPIC } from '../events.topic';
import { adoptBareMessage, toStoredEvent } from './submitted-event.decoder';

const HANDLER_NAME = 'EventsConsumer';

/**
 * The seed's Faust agent: stores every event that arrives on `events`, a batch at a time in
 * one transaction. Idempotent (a stored uuid is skipped), so redeliveries and duplicates never
 * make a second row; a message that breaks the rules is dead-lettered to `events.dlq` with the
 * field and reason, and the rest of its batch is stored.
 */
@Injectable()
export class EventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HANDLER_NAME);
  private member?: BackgroundSubscription;

  constructor(
    @Inject(EVENT_SUBSCRIBER) private readonly subscriber: EventSubscriber,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly events: EventsService,
    private readonly config: EventManagerConfig,
  ) {}

  /**
   * Joins in the background: on Kafka a join can wait for a dead member's session to time out
   * (30 s), and the app must serve `/health` (503, `eventsConsumer: down`) meanwhile.
   */
  onApplicationBootstrap(): void {
    this.member ??= this.join();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Whether this process is a member of the group and storing events. */
  get joined(): boolean {
    return this.member?.joined ?? false;
  }

  /** Joins the group and resolves once in; events published meanwhile wait in the topic. */
  async start(): Promise<void> {
    this.member ??= this.join();
    await this.member.ready;
  }

  /** Leaves the group after the batch in hand is stored: nothing is lost, nothing half-done. */
  async stop(): Promise<void> {
    const member = this.member;
    this.member = undefined;
    await member?.close();
  }

  private join(): BackgroundSubscription {
    const where = `group "${EVENTS_STORE_GROUP}" on "${EVENTS_TOPIC}"`;
    return new BackgroundSubscription(
      where,
      async () => {
        const subscription = await this.subscriber.subscribeBatch(
          EVENTS_TOPIC,
          (batch) => this.store(batch),
          {
            group: EVENTS_STORE_GROUP,
            concurrency: this.config.CONSUMER_CONCURRENCY,
            maxBatchSize: this.config.CONSUMER_BATCH_SIZE,
            adopt: adoptBareMessage,
          },
        );
        this.logger.log(`storing events from "${EVENTS_TOPIC}" as ${where}`);
        return subscription;
      },
      this.logger,
    );
  }

  /** Stores the good events first, then sets the bad ones aside: a failure redoes both. */
  async store(batch: readonly Delivery[]): Promise<void> {
    const good: Event[] = [];
    const bad: { delivery: Delivery; error: InputValidationError }[] = [];
    for (const delivery of batch) {
      try {
        good.push(await toStoredEvent(delivery.event));
      } catch (error) {
        if (!(error instanceof InputValidationError)) throw error;
        bad.push({ delivery, error });
      }
    }
    await this.events.storeSubmitted(good);
    for (const { delivery, error } of bad) {
      this.logger.warn(`dead-lettering event ${delivery.event.id}: ${error.message}`);
      await deadLetterEvent({
        publisher: this.publisher,
        handlerName: HANDLER_NAME,
        event: delivery.event,
        context: delivery.context,
        error,
      });
    }
  }
}
