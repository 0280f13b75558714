import { type EventEnvelope, toKafkaMessage } from '@app/envelope';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import { assertNonNegativeNumber, assertPositiveInteger } from '../../internal/argument.guards';
import type { BrokerProbe } from '../../ports/broker-probe.port';
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
import { kafkaGroupLag } from './kafka-group.lag';
import { KafkaGroupMember, type KafkaGroupMemberSettings } from './kafka-group.member';
import { kafkaLogCreator, toKafkajsLogLevel } from './kafka-log.creator';
import {
  defaultKafkaRedeliveryDelayMs,
  KAFKA_PUB_SUB_DEFAULTS,
  type KafkaPubSubOptions,
} from './kafka-pub-sub.options';
import { KafkaSendQueue } from './kafka-send.queue';
import { KafkaTopicCreator } from './kafka-topic.creator';
import { KafkaTail } from './kafka.tail';
import {
  type BatchSubscription,
  groupLagArguments,
  publishArguments,
  subscribeArguments,
  subscribeBatchArguments,
  tailArguments,
} from '../../internal/pub-sub.arguments';
import { asBatchOfOne } from '../../internal/single-event.handler';
import { guardedTailHandler } from '../../internal/tail.handler';

/**
 * Everything the port can promise: partitions and consumer groups, offsets committed only
 * after success (so a crashed member's running events go to the next one), durable topics.
 */
export const KAFKA_PUB_SUB_FEATURES: PubSubFeatures = {
  consumerGroups: true,
  perKeyOrdering: true,
  newGroupsStartAtOldest: true,
  sharedAcrossProcesses: true,
  persistent: true,
  redeliversOnCrash: true,
};

/**
 * The pub/sub port on Apache Kafka (kafkajs). Events travel in the CloudEvents Kafka binding's
 * binary mode (`ce_*` headers, JSON data as the value, `partitionkey` as the message key), so
 * any Kafka client can produce and read them. Publishing goes through one idempotent producer
 * (acks=all); each subscription is a kafkajs consumer of its own in its group (see
 * `KafkaGroupMember` and `KafkaBatchProcessor` for delivery, redelivery and commits). Topics
 * are created on first use with `partitions` partitions.
 */
export class KafkaPubSub implements PubSub {
  readonly features = KAFKA_PUB_SUB_FEATURES;
  /** A metadata round trip through the admin client (which reconnects on its own). */
  readonly broker: BrokerProbe = {
    name: 'kafka',
    ping: async () => {
      await this.connect();
      await this.admin.describeCluster();
    },
  };
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly topics: KafkaTopicCreator;
  private readonly sendQueue: KafkaSendQueue;
  private readonly memberSettings: KafkaGroupMemberSettings;
  private readonly members = new Set<KafkaGroupMember>();
  private readonly tails = new Set<KafkaTail>();
  private readonly clientId: string;
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  /** Set once the subscriptions have drained: from then on publishing is refused too. */
  private publishingClosed = false;

  constructor(options: KafkaPubSubOptions) {
    const defaults = KAFKA_PUB_SUB_DEFAULTS;
    const logger = options.logger ?? new Logger(KafkaPubSub.name);
    if (!Array.isArray(options.brokers) || options.brokers.length === 0) {
      throw new TypeError('brokers must list at least one host:port (see parseKafkaBrokers)');
    }
    const partitions = options.partitions ?? defaults.partitions;
    const replicationFactor = options.replicationFactor ?? defaults.replicationFactor;
    assertPositiveInteger('partitions', partitions);
    assertPositiveInteger('replicationFactor', replicationFactor);
    this.memberSettings = {
      sessionTimeout: options.sessionTimeout ?? defaults.sessionTimeout,
      heartbeatInterval: options.heartbeatInterval ?? defaults.heartbeatInterval,
      rebalanceTimeout: options.rebalanceTimeout ?? defaults.rebalanceTimeout,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? defaults.maxWaitTimeInMs,
      joinTimeoutMs: options.joinTimeoutMs ?? defaults.joinTimeoutMs,
      autoCommitThreshold: options.autoCommitThreshold ?? defaults.autoCommitThreshold,
      autoCommitInterval: options.autoCommitInterval ?? defaults.autoCommitInterval,
      crashRestartDelayMs: options.crashRestartDelayMs ?? defaults.crashRestartDelayMs,
      redeliveryDelayMs: options.redeliveryDelayMs ?? defaultKafkaRedeliveryDelayMs,
      onPoisonDeadLettered: options.onPoisonDeadLettered,
      logger,
    };
    validateMemberSettings(this.memberSettings);
    const publishTimeoutMs = options.publishTimeoutMs ?? defaults.publishTimeoutMs;
    const maxRequestBytes = options.maxRequestBytes ?? defaults.maxRequestBytes;
    assertPositiveInteger('publishTimeoutMs', publishTimeoutMs);
    assertPositiveInteger('maxRequestBytes', maxRequestBytes);

    this.clientId = options.clientId ?? defaults.clientId;
    this.kafka = new Kafka({
      clientId: this.clientId,
      brokers: [...options.brokers],
      ssl: options.ssl,
      sasl: options.sasl,
      logLevel: toKafkajsLogLevel(options.logLevel ?? defaults.logLevel),
      logCreator: kafkaLogCreator(logger),
    });
    this.producer = this.kafka.producer({
      // acks=all and broker-side deduplication of kafkajs' own retries: a retried request
      // neither duplicates nor reorders events. kafkajs sends one request per broker at a
      // time for it, so maxInFlightRequests 1 says what happens anyway.
      idempotent: true,
      maxInFlightRequests: 1,
      // Java's murmur2 partitioner: a key lands in the same partition whichever client in
      // whichever language produced it (and naming it silences kafkajs' v2 warning).
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    this.admin = this.kafka.admin();
    this.topics = new KafkaTopicCreator(
      async () => {
        await this.connect();
        return this.admin;
      },
      { partitions, replicationFactor },
    );
    this.sendQueue = new KafkaSendQueue(
      async (topicMessages) => {
        await this.producer.sendBatch({ topicMessages, acks: -1 });
      },
      { maxRequestBytes, timeoutMs: publishTimeoutMs },
    );
  }

  /**
   * Connects the producer and the admin client. Called by the first publish or subscribe;
   * call it at start-up to fail fast when the brokers are unreachable. A failed attempt is
   * forgotten, so the next call tries again.
   */
  connect(): Promise<void> {
    if (this.publishingClosed) return Promise.reject(new Error('KafkaPubSub is closed'));
    this.connecting ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  async publish(topic: string, events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    this.assertPublishing();
    const batch = publishArguments(topic, events);
    // Encode (and validate) the whole batch first: one bad event rejects it, nothing sent.
    const messages = batch.map((event) => toKafkaMessage(event));
    if (messages.length > 0) await this.send(topic, messages);
  }

  /** A slice of one message per handler call: the batch path with per-event acknowledgement. */
  async subscribe(
    topic: string,
    handler: EventHandlerFn,
    options: SubscribeOptions,
  ): Promise<Subscription> {
    this.assertSubscribing();
    const concurrency = subscribeArguments(topic, options);
    return this.join(topic, asBatchOfOne(handler), options, { concurrency, maxBatchSize: 1 });
  }

  async subscribeBatch(
    topic: string,
    handler: EventBatchHandlerFn,
    options: BatchSubscribeOptions,
  ): Promise<Subscription> {
    this.assertSubscribing();
    return this.join(topic, handler, options, subscribeBatchArguments(topic, options));
  }

  /**
   * A consumer alone in a group of its own (`<clientId>.tail.<random>`), positioned at the
   * topic's end offsets read when called, never committing, its group deleted on close; see
   * `KafkaTail`. Takes a group join, so a few seconds on a broker that delays new groups'
   * first rebalance (`group.initial.rebalance.delay.ms`, 3 s by default).
   */
  async tail(topic: string, handler: TailHandlerFn): Promise<Subscription> {
    this.assertSubscribing();
    tailArguments(topic, handler);
    await this.topics.ensure(topic);
    this.assertSubscribing();
    const { logger } = this.memberSettings;
    const tail = new KafkaTail({
      kafka: this.kafka,
      admin: async () => {
        await this.connect();
        return this.admin;
      },
      topic,
      groupId: `${this.clientId}.tail.${randomUUID()}`,
      handle: guardedTailHandler(handler, logger, `tail of topic "${topic}"`),
      settings: this.memberSettings,
    });
    this.tails.add(tail);
    try {
      await tail.start();
    } catch (error) {
      this.tails.delete(tail);
      throw error;
    }
    return { close: () => tail.close().finally(() => this.tails.delete(tail)) };
  }

  /**
   * High watermarks minus the group's committed offsets, through the adapter's admin client;
   * see `kafkaGroupLag` for what counts.
   */
  async groupLag(topic: string, group: string): Promise<number> {
    this.assertSubscribing();
    groupLagArguments(topic, group);
    await this.connect();
    return kafkaGroupLag(this.admin, topic, group);
  }

  private async join(
    topic: string,
    handler: EventBatchHandlerFn,
    options: SubscribeOptions,
    { concurrency, maxBatchSize }: BatchSubscription,
  ): Promise<Subscription> {
    await this.topics.ensure(topic);
    this.assertSubscribing();
    const member = new KafkaGroupMember({
      kafka: this.kafka,
      topic,
      group: options.group,
      handler,
      maxBatchSize,
      adopt: options.adopt,
      concurrency,
      publishRaw: (target, message) => this.send(target, [message]),
      settings: this.memberSettings,
    });
    this.members.add(member);
    try {
      await member.start();
    } catch (error) {
      this.members.delete(member);
      throw error;
    }
    return { close: () => member.close().finally(() => this.members.delete(member)) };
  }

  /**
   * Closes every subscription gracefully (their handlers may still publish, e.g. dead
   * letters), then lets queued publishes go out, then disconnects. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Tails first leave, then delete their groups: the admin client must still be connected.
    await Promise.all([
      ...[...this.members].map((member) => member.close()),
      ...[...this.tails].map((tail) => tail.close()),
    ]);
    this.members.clear();
    this.tails.clear();
    this.publishingClosed = true;
    await this.sendQueue.idle();
    await this.sendQueue.close(new Error('KafkaPubSub is closed'));
    const connecting = this.connecting;
    if (!connecting) return;
    // A connection that never came up has nothing to close.
    if (
      !(await connecting.then(
        () => true,
        () => false,
      ))
    )
      return;
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async send(topic: string, messages: readonly Message[]): Promise<void> {
    await this.topics.ensure(topic);
    await this.sendQueue.send(topic, messages);
  }

  private assertPublishing(): void {
    if (this.publishingClosed) throw new Error('KafkaPubSub is closed');
  }

  private assertSubscribing(): void {
    if (this.closing) throw new Error('KafkaPubSub is closed');
  }
}

function validateMemberSettings(settings: KafkaGroupMemberSettings): void {
  assertPositiveInteger('sessionTimeout', settings.sessionTimeout);
  assertPositiveInteger('heartbeatInterval', settings.heartbeatInterval);
  assertPositiveInteger('rebalanceTimeout', settings.rebalanceTimeout);
  assertPositiveInteger('maxWaitTimeInMs', settings.maxWaitTimeInMs);
  assertPositiveInteger('joinTimeoutMs', settings.joinTimeoutMs);
  assertPositiveInteger('autoCommitThreshold', settings.autoCommitThreshold);
  assertPositiveInteger('autoCommitInterval', settings.autoCommitInterval);
  assertNonNegativeNumber('crashRestartDelayMs', settings.crashRestartDelayMs);
  if (settings.heartbeatInterval >= settings.sessionTimeout) {
    throw new RangeError(
      `heartbeatInterval (${settings.heartbeatInterval}) must be lower than sessionTimeout ` +
        `(${settings.sessionTimeout}); about a third of it is usual`,
    );
  }
}
