import type { EventEnvelope } from '@app/envelope';
import {
  type Admin,
  type Consumer,
  type ConsumerRunConfig,
  type EachMessagePayload,
  type Kafka,
  KafkaJSDeleteGroupsError,
} from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../internal/error-message';
import { ConsumerCrashRestarter } from './consumer-crash.restarter';
import { fetchEndOffsets } from './kafka-end.offsets';
import type { KafkaGroupMemberSettings } from './kafka-group.member';
import { decodeKafkaMessage } from './kafka-message.decoder';

/** Tries to delete the tail's group on close (it may still be leaving the first time). */
const DELETE_GROUP_ATTEMPTS = 5;
const DELETE_GROUP_RETRY_MS = 200;

export type KafkaTailSettings = Pick<
  KafkaGroupMemberSettings,
  | 'sessionTimeout'
  | 'heartbeatInterval'
  | 'rebalanceTimeout'
  | 'maxWaitTimeInMs'
  | 'joinTimeoutMs'
  | 'crashRestartDelayMs'
  | 'logger'
>;

export interface KafkaTailParams {
  readonly kafka: Pick<Kafka, 'consumer'>;
  /** The adapter's admin client, connected: for the starting offsets and the group's deletion. */
  readonly admin: () => Promise<Admin>;
  readonly topic: string;
  /** Unique per tail (`<clientId>.tail.<random>`): kafkajs cannot consume without a group. */
  readonly groupId: string;
  /** Never rejects (see `guardedTailHandler`). */
  readonly handle: (event: EventEnvelope) => Promise<void>;
  readonly settings: KafkaTailSettings;
}

/**
 * One tail (`KafkaPubSub.tail`). kafkajs has no manual partition assignment, so a tail is the
 * only member of a consumer group of its own, and behaves as if it had none:
 *
 * - It starts at the topic's end offsets as `start` reads them (`fetchTopicOffsets`), not at
 *   whatever "latest" is when the consumer first fetches, so an event published once `start`
 *   resolved is never missed. Each (re)join seeks every partition to the tail's own position,
 *   which then follows the events handed over: a kafkajs restart or rebalance neither skips
 *   nor repeats anything still retained.
 * - It never commits offsets, and deletes its group on close; a group left by a crashed
 *   process holds no offsets, so Kafka forgets it once empty.
 * - Events go to the handler one at a time (`partitionsConsumedConcurrently` 1), each awaited;
 *   messages that hold no valid event are logged and skipped.
 */
export class KafkaTail {
  private readonly consumer: Consumer;
  /** The next offset to hand over, per partition. */
  private readonly positions = new Map<number, string>();
  private readonly stopping = new AbortController();
  private readonly runConfig: ConsumerRunConfig = {
    eachMessage: (payload) => this.deliver(payload),
    // Nothing to commit: positions live in `positions`, and a group without offsets is one
    // Kafka forgets by itself.
    autoCommit: false,
    partitionsConsumedConcurrently: 1,
  };
  private readonly restarter: ConsumerCrashRestarter;
  private closing: Promise<void> | undefined;

  constructor(private readonly params: KafkaTailParams) {
    const { settings } = params;
    this.consumer = params.kafka.consumer({
      groupId: params.groupId,
      sessionTimeout: settings.sessionTimeout,
      heartbeatInterval: settings.heartbeatInterval,
      rebalanceTimeout: settings.rebalanceTimeout,
      maxWaitTimeInMs: settings.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
      retry: { restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    this.restarter = new ConsumerCrashRestarter({
      consumer: this.consumer,
      runConfig: this.runConfig,
      signal: this.stopping.signal,
      crashRestartDelayMs: settings.crashRestartDelayMs,
      logger: settings.logger,
      describe: () => this.describe(),
    });
    // Emitted before the consumer's first fetch after each join: the seeks apply to it.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      for (const partition of payload.memberAssignment[params.topic] ?? []) {
        const offset = this.positions.get(partition);
        if (offset !== undefined) this.consumer.seek({ topic: params.topic, partition, offset });
      }
    });
  }

  /** Resolves once the tail has joined its group, positioned at the topic's current end. */
  async start(): Promise<void> {
    const { topic } = this.params;
    const joined = this.joined();
    try {
      const admin = await this.params.admin();
      for (const [partition, high] of await fetchEndOffsets(admin, topic)) {
        this.positions.set(partition, high);
      }
      await this.consumer.connect();
      // Only for partitions added after `start`: they have no position and begin at the end.
      await this.consumer.subscribe({ topics: [topic], fromBeginning: false });
      await this.consumer.run(this.runConfig);
      await joined.promise;
    } catch (error) {
      joined.cancel();
      await this.close();
      throw error;
    }
  }

  /** Stops delivery, waits for the running handler, leaves and deletes the group. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    await this.restarter.stop();
    try {
      // Waits for the running handler; kafkajs then hands over no further message.
      await this.consumer.disconnect();
    } catch (error) {
      this.params.settings.logger.warn(
        `${this.describe()}: could not leave its group cleanly: ${errorMessage(error)}`,
      );
    }
    await this.deleteGroup();
  }

  private async deliver({ topic, partition, message }: EachMessagePayload): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.positions.set(partition, (BigInt(message.offset) + 1n).toString());
    const decoded = decodeKafkaMessage(message, { topic, partition }, undefined);
    if (!decoded.ok) {
      this.params.settings.logger.error(
        `${this.describe()}: message ${partition}/${message.offset} is not a valid event, ` +
          `skipping it: ${errorMessage(decoded.error)}`,
      );
      return;
    }
    await this.params.handle(decoded.event);
  }

  /** The first GROUP_JOIN: the partitions are assigned and their seeks registered. */
  private joined(): { promise: Promise<void>; cancel: () => void } {
    const { joinTimeoutMs } = this.params.settings;
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve, reject) => {
      const fail = (reason: string): void => {
        cancel();
        reject(new Error(`${this.describe()}: ${reason}`));
      };
      const timer = setTimeout(
        () => fail(`not taken into its group within ${joinTimeoutMs} ms (joinTimeoutMs)`),
        joinTimeoutMs,
      );
      const removeJoinListener = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        cancel();
        resolve();
      });
      const onClose = (): void => fail('closed before it joined its group');
      this.stopping.signal.addEventListener('abort', onClose, { once: true });
      cancel = () => {
        clearTimeout(timer);
        removeJoinListener();
        this.stopping.signal.removeEventListener('abort', onClose);
      };
    });
    // `start` may fail before awaiting it; the rejection must not go unhandled meanwhile.
    promise.catch(() => undefined);
    return { promise, cancel };
  }

  /**
   * The group is empty once the consumer left; deleting it can still race the leave, hence
   * the retries. Failing is harmless: the group holds no offsets, so Kafka drops it anyway.
   */
  private async deleteGroup(): Promise<void> {
    const { groupId, settings } = this.params;
    for (let attempt = 1; ; attempt++) {
      try {
        const admin = await this.params.admin();
        await admin.deleteGroups([groupId]);
        return;
      } catch (error) {
        const reason = deleteGroupsErrorType(error);
        if (reason === 'GROUP_ID_NOT_FOUND') return;
        if (reason === 'GROUP_NOT_EMPTY' && attempt < DELETE_GROUP_ATTEMPTS) {
          await sleep(DELETE_GROUP_RETRY_MS * attempt);
          continue;
        }
        settings.logger.warn(
          `${this.describe()}: could not delete its group; Kafka drops it once empty, as it ` +
            `holds no offsets: ${errorMessage(error)}`,
        );
        return;
      }
    }
  }

  private describe(): string {
    return `tail of topic "${this.params.topic}" (group "${this.params.groupId}")`;
  }
}

/** Why `deleteGroups` refused our one group, as kafkajs names the broker's error. */
function deleteGroupsErrorType(error: unknown): string | undefined {
  if (!(error instanceof KafkaJSDeleteGroupsError)) return undefined;
  return error.groups[0]?.error?.type;
}
