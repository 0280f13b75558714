import type { EventEnvelope } from '@app/envelope';
import { APP_NAME, fieldsOfEvent, InputValidationError, withEventLogContext } from '@app/platform';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { errorMessage } from '../internal/error-message';
import { deadLetterEvent } from '../middleware/dead-letter.middleware';
import type { EventHandlerMiddleware } from '../middleware/compose.middleware';
import { retry } from '../middleware/retry.middleware';
import type {
  Delivery,
  EventHandlerFn,
  EventPublisher,
  EventSubscriber,
} from '../ports/event-bus.port';
import type { InboxStore } from '../ports/inbox-store.port';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, INBOX_STORE } from '../transport.constants';
import { BackgroundSubscription } from './background-subscription';
import { EventHandlerRegistration } from './event-handler';
import { EVENT_ROUTER_OPTIONS, type EventRouterOptions } from './event-router.options';
import { HandlerRegistry, type Registration } from './handler.registry';
import { InboxUnitOfWork } from './inbox-unit-of-work';
import {
  ROUTING_UNIT_OF_WORK,
  type RoutingBatch,
  type RoutingUnitOfWork,
} from './routing-unit-of-work.port';
import { RoutingStats } from './routing.stats';

/**
 * The seed's EventRouter + EventProcessor: finds every `@OnEvent` handler at start-up (and
 * refuses to start on a bad registration), subscribes to exactly the topics that have
 * handlers (one consumer group per topic, `<group>.<topic>`, which every router process
 * shares), and hands each event to the handler of its (topic, type).
 *
 * Per batch of a partition: one unit of work (idempotency and the handlers' writes, committed
 * once). Per event: skipped if already handled; counted and logged if no handler is
 * registered; otherwise the handler runs with in-process retries and backoff, and if it still
 * fails the event goes to `<topic>.dlq` with the error and the batch moves on.
 */
@Injectable()
export class EventRouter
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  readonly stats = new RoutingStats();
  private readonly logger = new Logger('EventRouter');
  private registry = new HandlerRegistry([]);
  private retrying!: EventHandlerMiddleware;
  private unitOfWork!: RoutingUnitOfWork;
  private subscriptions: BackgroundSubscription[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    @Inject(EVENT_SUBSCRIBER) private readonly subscriber: EventSubscriber,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(EVENT_ROUTER_OPTIONS) private readonly options: EventRouterOptions,
    @Inject(APP_NAME) private readonly appName: string,
  ) {}

  /** The router's name: its consumer groups and its processed-event marks derive from it. */
  get group(): string {
    return this.options.group ?? `${this.appName}-router`;
  }

  /**
   * The consumer group reading `topic`: one per topic, because Kafka expects every member of
   * a group to subscribe to the same topics, and the port subscribes a topic at a time.
   */
  groupFor(topic: string): string {
    return `${this.group}.${topic}`;
  }

  /** Every topic's subscription has joined its group (true when not consuming at all). */
  get joined(): boolean {
    return this.subscriptions.every((subscription) => subscription.joined);
  }

  onModuleInit(): void {
    this.registry = new HandlerRegistry(
      this.discovery.getProviders({ metadataKey: EventHandlerRegistration.KEY }).map((wrapper) => ({
        route: this.discovery.getMetadataByDecorator(EventHandlerRegistration, wrapper)!,
        name: wrapper.metatype?.name ?? String(wrapper.token),
        instance: wrapper.instance,
      })),
    );
    // Bad input fails the same way every time: dead-letter it at once.
    this.retrying = retry({
      shouldRetry: (error) => !(error instanceof InputValidationError),
      ...this.options.retry,
    });
    this.unitOfWork = this.findUnitOfWork();
    this.logger.log(describeRegistrations(this.registry.list()));
  }

  onApplicationBootstrap(): void {
    if (this.options.consume === false) return;
    this.subscriptions = this.registry.topics().map(
      (topic) =>
        new BackgroundSubscription(
          `router group "${this.groupFor(topic)}" on "${topic}"`,
          () =>
            this.subscriber.subscribeBatch(topic, (batch) => this.route(topic, batch), {
              group: this.groupFor(topic),
              concurrency: this.options.concurrency ?? 3,
              maxBatchSize: this.options.maxBatchSize ?? 500,
            }),
          this.logger,
        ),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.close()));
  }

  /** The global registration list (the seed's GLOBAL_REGISTRATION). */
  registrations(): Registration[] {
    return this.registry.list();
  }

  /** Routes one batch of one partition of `topic`. Exposed for tests and benchmarks. */
  async route(topic: string, batch: readonly Delivery[]): Promise<void> {
    const unit = await this.unitOfWork.begin(
      this.group,
      topic,
      batch.map(({ event }) => event),
    );
    for (const delivery of batch) await this.routeOne(topic, delivery, unit);
    await unit.commit();
  }

  private async routeOne(topic: string, delivery: Delivery, unit: RoutingBatch): Promise<void> {
    const { event, context } = delivery;
    if (unit.isProcessed(event.id)) {
      this.stats.count(topic, event.type, 'duplicates');
      return;
    }
    const registration = this.registry.find(topic, event.type);
    if (!registration) {
      this.reportUnrouted(topic, event);
      return;
    }
    // Each attempt is a run of its own, so a failed attempt's writes are discarded with it.
    // Its lines carry the event's ids, though the router handles a batch at a time.
    const attempt: EventHandlerFn = (current) =>
      withEventLogContext(fieldsOfEvent(current), () =>
        unit.run(current, async () => registration.handler.execute(current.data, current)),
      );
    try {
      await this.retrying(attempt)(event, context);
      this.stats.count(topic, event.type, 'handled');
    } catch (error) {
      // Closing: leave it unacknowledged for the member that takes the partition over.
      if (context.signal.aborted) throw error;
      await deadLetterEvent({
        publisher: this.publisher,
        handlerName: registration.handlerName,
        event,
        context,
        error,
      });
      this.stats.count(topic, event.type, 'deadLettered');
      this.logger.error(
        `${registration.handlerName} failed on event ${event.id} (${topic}, ${event.type}); ` +
          `dead-lettered to ${topic}.dlq: ${errorMessage(error)}`,
      );
    }
  }

  private reportUnrouted(topic: string, event: EventEnvelope): void {
    const seen = this.stats.countUnrouted(topic, event.type);
    // Logged the first time and then every 1,000th, so a stream of them cannot flood the log.
    if (seen === 1 || seen % 1000 === 0) {
      this.logger.warn(
        `no handler for (${topic}, ${event.type}); skipped event ${event.id} ` +
          `(${seen} such event${seen === 1 ? '' : 's'} so far)`,
      );
    }
  }

  /** The app's own unit of work if it registered one, else idempotency through the inbox. */
  private findUnitOfWork(): RoutingUnitOfWork {
    try {
      return this.moduleRef.get<RoutingUnitOfWork>(ROUTING_UNIT_OF_WORK, { strict: false });
    } catch {
      return new InboxUnitOfWork(this.moduleRef.get<InboxStore>(INBOX_STORE, { strict: false }));
    }
  }
}

function describeRegistrations(registrations: readonly Registration[]): string {
  if (registrations.length === 0) return 'no event handlers registered';
  const lines = registrations.map(
    ({ topic, type, handlerName }) => `  ${topic} ${type} -> ${handlerName}`,
  );
  return `event handlers (topic event -> handler):\n${lines.join('\n')}`;
}
