import type { EventEnvelope } from '@app/envelope';
import { Logger } from '@nestjs/common';
import type {
  BatchSubscribeOptions,
  EventBatchHandlerFn,
  EventHandlerFn,
  PubSub,
  PubSubFeatures,
  SubscribeOptions,
  Subscription,
  TailHandlerFn,
} from '../../ports/event-bus.port';
import { assertPositiveInteger } from '../../internal/argument.guards';
import { asBatchOfOne } from '../../internal/single-event.handler';
import { guardedTailHandler } from '../../internal/tail.handler';
import type { ConsumerGroupSettings } from './consumer-group.coordinator';
import { GroupMember } from './group.member';
import { defaultRedeliveryDelayMs, type InMemoryPubSubOptions } from './in-memory-pub-sub.options';
import { type LogRecord, TopicLog } from './topic.log';
import { TopicTail } from './topic.tail';
import {
  groupLagArguments,
  publishArguments,
  subscribeArguments,
  subscribeBatchArguments,
  tailArguments,
} from '../../internal/pub-sub.arguments';

/** One process, no persistence; everything else a partitioned log broker promises. */
export const IN_MEMORY_PUB_SUB_FEATURES: PubSubFeatures = {
  consumerGroups: true,
  perKeyOrdering: true,
  newGroupsStartAtOldest: true,
  sharedAcrossProcesses: false,
  persistent: false,
  redeliversOnCrash: false,
};

/**
 * The embedded default broker: Kafka's model in one process. Topics are split into partitions
 * by `partitionkey`; each partition is an append-only log; each consumer group keeps its own
 * committed offset per partition and spreads the partitions over its members. Events are
 * stored serialized (JSON), so handlers see what a real broker would hand them and can never
 * mutate each other's copy.
 */
export class InMemoryPubSub implements PubSub {
  readonly features = IN_MEMORY_PUB_SUB_FEATURES;
  private readonly topics = new Map<string, TopicLog>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly partitions: number;
  private readonly maxRetained: number;
  private readonly retainConsumed: boolean;
  private readonly settings: ConsumerGroupSettings;
  private closing: Promise<void> | undefined;

  constructor(options: InMemoryPubSubOptions = {}) {
    this.partitions = options.partitions ?? 8;
    this.maxRetained = options.maxRetainedPerPartition ?? Number.POSITIVE_INFINITY;
    this.retainConsumed = options.retainConsumed ?? false;
    assertPositiveInteger('partitions', this.partitions);
    if (this.maxRetained !== Number.POSITIVE_INFINITY) {
      assertPositiveInteger('maxRetainedPerPartition', this.maxRetained);
    }
    this.settings = {
      redeliveryDelayMs: options.redeliveryDelayMs ?? defaultRedeliveryDelayMs,
      logger: options.logger ?? new Logger(InMemoryPubSub.name),
    };
  }

  async publish(topic: string, events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    const batch = publishArguments(topic, events);
    // Serialize the whole batch first: one bad event rejects the batch, nothing half-written.
    const records = batch.map(toRecord);
    if (records.length > 0) this.topic(topic).append(records);
  }

  async subscribe(
    topic: string,
    handler: EventHandlerFn,
    options: SubscribeOptions,
  ): Promise<Subscription> {
    this.assertOpen();
    const concurrency = subscribeArguments(topic, options);
    return this.join(topic, options.group, new GroupMember(asBatchOfOne(handler), concurrency, 1));
  }

  async subscribeBatch(
    topic: string,
    handler: EventBatchHandlerFn,
    options: BatchSubscribeOptions,
  ): Promise<Subscription> {
    this.assertOpen();
    const { concurrency, maxBatchSize } = subscribeBatchArguments(topic, options);
    return this.join(topic, options.group, new GroupMember(handler, concurrency, maxBatchSize));
  }

  /** Registered synchronously: an event published once this resolves (or even before) arrives. */
  async tail(topic: string, handler: TailHandlerFn): Promise<Subscription> {
    this.assertOpen();
    tailArguments(topic, handler);
    const log = this.topic(topic);
    const where = `tail of topic "${topic}"`;
    const tail = new TopicTail(guardedTailHandler(handler, this.settings.logger, where));
    log.addTail(tail);
    return this.track(async () => {
      log.removeTail(tail);
      await tail.close();
    });
  }

  /**
   * From the group's committed offsets: a batch being handled, or waiting to be redelivered,
   * counts until its handler resolves. Exact at the moment of the call.
   */
  async groupLag(topic: string, group: string): Promise<number> {
    this.assertOpen();
    groupLagArguments(topic, group);
    return this.topics.get(topic)?.groupLag(group) ?? 0;
  }

  /** Events held in memory for `topic` (diagnostics and retention tests). */
  retainedEvents(topic: string): number {
    return this.topics.get(topic)?.retained ?? 0;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((sub) => sub.close()));
    for (const topic of this.topics.values()) topic.dispose();
  }

  private join(topic: string, groupName: string, member: GroupMember): Subscription {
    const group = this.topic(topic).group(groupName);
    group.join(member);
    return this.track(() => group.leave(member));
  }

  private track(leave: () => Promise<void>): Subscription {
    let closing: Promise<void> | undefined;
    const subscription: Subscription = {
      close: () => {
        closing ??= leave().finally(() => this.subscriptions.delete(subscription));
        return closing;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private topic(name: string): TopicLog {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new TopicLog(
        name,
        this.partitions,
        { maxPerPartition: this.maxRetained, consumed: this.retainConsumed },
        this.settings,
      );
      this.topics.set(name, topic);
    }
    return topic;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('InMemoryPubSub is closed');
  }
}

function toRecord(event: EventEnvelope): LogRecord {
  if (typeof event?.id !== 'string' || typeof event.partitionkey !== 'string') {
    throw new TypeError('cannot publish: an event envelope needs a string `id` and `partitionkey`');
  }
  return { key: event.partitionkey, wire: JSON.stringify(event) };
}
