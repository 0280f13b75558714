import { DEAD_LETTER_SUFFIX, type EventEnvelope, isDeadLetterTopic } from '@app/envelope';
import { fieldsOfEvent, withEventLogContext } from '@app/platform';
import type { Counter, Histogram } from 'prom-client';
import type {
  BatchSubscribeOptions,
  DeliveryContext,
  EventBatchHandlerFn,
  EventHandlerFn,
  PubSub,
  SubscribeOptions,
  Subscription,
  TailHandlerFn,
} from '../ports/event-bus.port';
import type { TransportMetrics } from './transport.metrics';

/**
 * The pub/sub port with metrics (see `TransportMetrics`): what the app publishes, what its
 * handlers get and how they fare, redeliveries, retries, dead letters, and each group's lag.
 * Wraps whichever adapter the configuration chose; apps receive it as `EVENT_PUBLISHER` and
 * `EVENT_SUBSCRIBER` and never notice. Every log line a handler writes carries its event's
 * ids (a batch handler's: the topic, group and batch size; see `withEventLogContext`). Label-bound metric children are looked up once per
 * (labels), not per event: the handler path is the hot one.
 */
export class InstrumentedPubSub implements PubSub {
  constructor(
    readonly adapter: PubSub,
    private readonly metrics: TransportMetrics,
  ) {}

  get features(): PubSub['features'] {
    return this.adapter.features;
  }

  get broker(): PubSub['broker'] {
    return this.adapter.broker;
  }

  async publish(topic: string, events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    await this.adapter.publish(topic, events);
    const list: readonly EventEnvelope[] = Array.isArray(events)
      ? events
      : [events as EventEnvelope];
    for (const [type, count] of countByType(list)) {
      this.metrics.published.labels(topic, type).inc(count);
    }
    if (isDeadLetterTopic(topic)) {
      this.metrics.deadLettered.labels(topic.slice(0, -DEAD_LETTER_SUFFIX.length)).inc(list.length);
    }
  }

  subscribe(
    topic: string,
    handler: EventHandlerFn,
    options: SubscribeOptions,
  ): Promise<Subscription> {
    this.watchLag(topic, options.group);
    const observe = this.observer(topic, options.group);
    const observed: EventHandlerFn = (event, context) =>
      withEventLogContext({ ...fieldsOfEvent(event), topic, group: options.group }, () =>
        observe.run([event.type], () => handler(event, observe.context(context))),
      );
    return this.adapter.subscribe(topic, observed, options);
  }

  subscribeBatch(
    topic: string,
    handler: EventBatchHandlerFn,
    options: BatchSubscribeOptions,
  ): Promise<Subscription> {
    this.watchLag(topic, options.group);
    const observe = this.observer(topic, options.group);
    const observed: EventBatchHandlerFn = (deliveries) =>
      withEventLogContext({ topic, group: options.group, batchSize: deliveries.length }, () =>
        observe.run(
          deliveries.map(({ event }) => event.type),
          () =>
            handler(
              deliveries.map(({ event, context }) => ({
                event,
                context: observe.context(context),
              })),
            ),
        ),
      );
    return this.adapter.subscribeBatch(topic, observed, options);
  }

  tail(topic: string, handler: TailHandlerFn): Promise<Subscription> {
    return this.adapter.tail(topic, handler);
  }

  groupLag(topic: string, group: string): Promise<number> {
    return this.adapter.groupLag(topic, group);
  }

  close(): Promise<void> {
    return this.adapter.close();
  }

  private watchLag(topic: string, group: string): void {
    this.metrics.watchGroup(topic, group, (t, g) => this.adapter.groupLag(t, g));
  }

  /** The metric children of one subscription, and the context its handler sees. */
  private observer(topic: string, group: string) {
    const { metrics } = this;
    // By outcome, then by event type: no key to build per event.
    const handled: Record<'success' | 'failure', LabelCache> = {
      success: new LabelCache((type) => metrics.handled.labels(topic, group, type, 'success')),
      failure: new LabelCache((type) => metrics.handled.labels(topic, group, type, 'failure')),
    };
    const durations: Record<'success' | 'failure', Histogram.Internal<string>> = {
      success: metrics.handlerDuration.labels(topic, group, 'success'),
      failure: metrics.handlerDuration.labels(topic, group, 'failure'),
    };
    const redelivered = metrics.redelivered.labels(topic, group);
    const retried = metrics.retried.labels(topic, group);
    const onRetry = (): void => retried.inc();
    return {
      context(context: DeliveryContext): DeliveryContext {
        if (context.attempt > 1) redelivered.inc();
        return { ...context, onRetry };
      },
      /** Runs one handler call, counting its events and timing it by outcome. */
      async run(types: readonly string[], work: () => Promise<void>): Promise<void> {
        const started = performance.now();
        let outcome: 'success' | 'failure' = 'failure';
        try {
          await work();
          outcome = 'success';
        } finally {
          durations[outcome].observe((performance.now() - started) / 1000);
          for (const type of types) handled[outcome].get(type).inc();
        }
      },
    };
  }
}

/** Metric children by one label value (the event type), made on first use. */
class LabelCache {
  private readonly children = new Map<string, Counter.Internal>();

  constructor(private readonly make: (key: string) => Counter.Internal) {}

  get(key: string): Counter.Internal {
    let child = this.children.get(key);
    if (!child) {
      child = this.make(key);
      this.children.set(key, child);
    }
    return child;
  }
}

function countByType(events: readonly EventEnvelope[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { type } of events) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}
