import { deadLetterTopic, type EventEnvelope, isDeadLetterTopic } from '@app/envelope';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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
import { RedisStreamsConnections } from './redis-streams.connections';
import {
  defaultRedisStreamsRedeliveryDelayMs,
  REDIS_STREAMS_DEFAULTS,
  type RedisStreamsPubSubOptions,
} from './redis-streams-pub-sub.options';
import { encodeEntryFields } from './stream-entry.codec';
import { StreamGroupCommands } from './stream-group.commands';
import { StreamConsumer, type StreamConsumerSettings } from './stream.consumer';
import { StreamTailCommands } from './stream-tail.commands';
import { StreamTail } from './stream.tail';
import { StreamTrimmer } from './stream.trimmer';
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
 * Redis Streams with consumer groups. No per-key ordering: a group hands a stream's entries
 * to whichever consumer reads next, and a failed entry is redelivered while later ones of its
 * key go ahead. Everything else a log broker promises, crash recovery included (XAUTOCLAIM).
 */
export const REDIS_STREAMS_PUB_SUB_FEATURES: PubSubFeatures = {
  consumerGroups: true,
  perKeyOrdering: false,
  newGroupsStartAtOldest: true,
  sharedAcrossProcesses: true,
  persistent: true,
  redeliversOnCrash: true,
};

/**
 * The pub/sub port on Redis Streams: one stream per topic (`<keyPrefix><topic>`), the event
 * as CloudEvents JSON in the entry's `envelope` field, trimmed to `maxLen` entries after
 * publishes but never past what a group still needs (`StreamTrimmer`). Each subscription
 * is a consumer of its group with a unique name and its own blocking connection; see
 * `StreamConsumer` for delivery, redelivery and recovery.
 */
export class RedisStreamsPubSub implements PubSub {
  readonly features = REDIS_STREAMS_PUB_SUB_FEATURES;
  /** A PING on the command connection (which waits through a reconnection). */
  readonly broker: BrokerProbe = {
    name: 'redis',
    ping: async () => {
      await this.connections.command.ping();
    },
  };
  private readonly connections: RedisStreamsConnections;
  private readonly keyPrefix: string;
  private readonly trimmer: StreamTrimmer;
  private readonly settings: StreamConsumerSettings;
  private readonly consumers = new Set<StreamConsumer>();
  private readonly tails = new Set<StreamTail>();
  private closing: Promise<void> | undefined;

  constructor(options: RedisStreamsPubSubOptions) {
    const logger = options.logger ?? new Logger(RedisStreamsPubSub.name);
    this.keyPrefix = options.keyPrefix ?? REDIS_STREAMS_DEFAULTS.keyPrefix;
    const maxLen = options.maxLen ?? REDIS_STREAMS_DEFAULTS.maxLen;
    if (maxLen !== Number.POSITIVE_INFINITY) assertPositiveInteger('maxLen', maxLen);
    const trimIntervalMs = options.trimIntervalMs ?? REDIS_STREAMS_DEFAULTS.trimIntervalMs;
    assertPositiveInteger('trimIntervalMs', trimIntervalMs);
    this.settings = {
      blockMs: options.blockMs ?? REDIS_STREAMS_DEFAULTS.blockMs,
      claimIntervalMs: options.claimIntervalMs ?? REDIS_STREAMS_DEFAULTS.claimIntervalMs,
      minIdleTimeMs: options.minIdleTimeMs ?? REDIS_STREAMS_DEFAULTS.minIdleTimeMs,
      redeliveryDelayMs: options.redeliveryDelayMs ?? defaultRedisStreamsRedeliveryDelayMs,
      forgetIdleConsumersAfterMs:
        options.forgetIdleConsumersAfterMs ?? REDIS_STREAMS_DEFAULTS.forgetIdleConsumersAfterMs,
      onPoisonDeadLettered: options.onPoisonDeadLettered,
      logger,
    };
    assertPositiveInteger('blockMs', this.settings.blockMs);
    assertPositiveInteger('claimIntervalMs', this.settings.claimIntervalMs);
    assertPositiveInteger('minIdleTimeMs', this.settings.minIdleTimeMs);
    assertNonNegativeNumber('forgetIdleConsumersAfterMs', this.settings.forgetIdleConsumersAfterMs);
    if (this.settings.forgetIdleConsumersAfterMs <= this.settings.blockMs) {
      throw new RangeError(
        `forgetIdleConsumersAfterMs (${this.settings.forgetIdleConsumersAfterMs}) must exceed ` +
          `blockMs (${this.settings.blockMs}), or live consumers would look idle`,
      );
    }
    this.connections = new RedisStreamsConnections(options.connection, logger);
    this.trimmer = new StreamTrimmer(this.connections.command, maxLen, trimIntervalMs, logger);
  }

  /** The Redis key of a topic's stream. */
  streamKey(topic: string): string {
    return `${this.keyPrefix}${topic}`;
  }

  async publish(topic: string, events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    const batch = publishArguments(topic, events);
    // Serialize (and validate) the whole batch first: one bad event rejects it, nothing written.
    const entries = batch.map(encodeEntryFields);
    const key = this.streamKey(topic);
    const redis = this.connections.command;
    if (entries.length === 0) return;
    if (entries.length === 1) {
      await redis.call('XADD', key, '*', ...entries[0]);
    } else {
      // MULTI/EXEC: a batch is appended as a whole or not at all, and contiguously.
      const transaction = redis.multi();
      for (const fields of entries) transaction.call('XADD', key, '*', ...fields);
      const results = await transaction.exec();
      const failure = results?.find(([error]) => error !== null)?.[0];
      if (!results || failure) {
        throw failure ?? new Error(`publishing ${entries.length} events to "${topic}" was aborted`);
      }
    }
    this.trimmer.written(key);
  }

  /**
   * Trims the topic's stream now as it is trimmed after publishes (see `maxLen`); resolves
   * with how many entries went.
   */
  trim(topic: string): Promise<number> {
    this.assertOpen();
    return this.trimmer.trim(this.streamKey(topic));
  }

  /** Batches of one entry: the batch path, with acknowledgements still coalesced per read. */
  async subscribe(
    topic: string,
    handler: EventHandlerFn,
    options: SubscribeOptions,
  ): Promise<Subscription> {
    this.assertOpen();
    const concurrency = subscribeArguments(topic, options);
    return this.join(topic, asBatchOfOne(handler), options.group, { concurrency, maxBatchSize: 1 });
  }

  async subscribeBatch(
    topic: string,
    handler: EventBatchHandlerFn,
    options: BatchSubscribeOptions,
  ): Promise<Subscription> {
    this.assertOpen();
    return this.join(topic, handler, options.group, subscribeBatchArguments(topic, options));
  }

  /**
   * `XREAD` from the stream's newest entry at the time of the call (`XREVRANGE + - COUNT 1`),
   * on a connection of its own; see `StreamTail`.
   */
  async tail(topic: string, handler: TailHandlerFn): Promise<Subscription> {
    this.assertOpen();
    tailArguments(topic, handler);
    const commands = new StreamTailCommands(this.connections.command, this.streamKey(topic));
    const after = await commands.newestId();
    this.assertOpen();
    const { blockMs, logger } = this.settings;
    const name = `tail-${consumerName()}`;
    const tail = new StreamTail({
      topic,
      commands,
      reader: this.connections.openReader(name),
      after,
      handle: guardedTailHandler(handler, logger, `tail of topic "${topic}"`),
      blockMs,
      logger,
    });
    this.tails.add(tail);
    tail.start();
    return { close: () => tail.close().finally(() => this.tails.delete(tail)) };
  }

  /** `XINFO GROUPS`: pending + lag of the group's stream; see `StreamGroupCommands.lag`. */
  async groupLag(topic: string, group: string): Promise<number> {
    this.assertOpen();
    groupLagArguments(topic, group);
    return new StreamGroupCommands(this.connections.command, this.streamKey(topic), group).lag();
  }

  private async join(
    topic: string,
    handler: EventBatchHandlerFn,
    group: string,
    { concurrency, maxBatchSize }: BatchSubscription,
  ): Promise<Subscription> {
    const commands = new StreamGroupCommands(
      this.connections.command,
      this.streamKey(topic),
      group,
    );
    await commands.createGroup();
    this.assertOpen();
    const name = consumerName();
    const consumer = new StreamConsumer({
      topic,
      name,
      handler,
      maxBatchSize,
      concurrency,
      commands,
      reader: this.connections.openReader(name),
      deadLetter: isDeadLetterTopic(topic) ? undefined : this.deadLetterStream(topic),
      settings: this.settings,
    });
    this.consumers.add(consumer);
    consumer.start();
    return {
      close: () => consumer.close().finally(() => this.consumers.delete(consumer)),
    };
  }

  private deadLetterStream(topic: string) {
    const stream = this.streamKey(deadLetterTopic(topic));
    return { stream, written: () => this.trimmer.written(stream) };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.trimmer.close();
    await Promise.all([
      ...[...this.consumers].map((consumer) => consumer.close()),
      ...[...this.tails].map((tail) => tail.close()),
    ]);
    this.consumers.clear();
    this.tails.clear();
    await this.connections.close();
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('RedisStreamsPubSub is closed');
  }
}

/**
 * Unique per subscription, so a restarted process never inherits a dead one's entries by
 * accident (they are claimed explicitly); host and pid tell operators where it ran.
 */
function consumerName(): string {
  return `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
}
