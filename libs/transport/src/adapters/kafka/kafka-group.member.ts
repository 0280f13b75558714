import type { Consumer, ConsumerRunConfig, Kafka, Message } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';
import { ConsumerCrashRestarter } from './consumer-crash.restarter';
import type { EventBatchHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import { DeliveryAttempts } from './delivery-attempts';
import { KafkaBatchProcessor } from './kafka-batch.processor';
import type { AdoptFn } from './kafka-message.decoder';

export interface KafkaGroupMemberSettings {
  readonly sessionTimeout: number;
  readonly heartbeatInterval: number;
  readonly rebalanceTimeout: number;
  readonly maxWaitTimeInMs: number;
  readonly joinTimeoutMs: number;
  readonly autoCommitThreshold: number;
  readonly autoCommitInterval: number;
  readonly crashRestartDelayMs: number;
  readonly redeliveryDelayMs: (attempt: number) => number;
  readonly onPoisonDeadLettered?: (topic: string) => void;
  readonly logger: TransportLogger;
}

export interface KafkaGroupMemberParams {
  /** Where the member's consumer comes from (the adapter's `Kafka` client). */
  readonly kafka: Pick<Kafka, 'consumer'>;
  readonly topic: string;
  readonly group: string;
  readonly handler: EventBatchHandlerFn;
  /** Most events per handler call: 1 for a per-event `subscribe`. */
  readonly maxBatchSize: number;
  readonly adopt?: AdoptFn;
  readonly concurrency: number;
  readonly publishRaw: (topic: string, message: Message) => Promise<void>;
  readonly settings: KafkaGroupMemberSettings;
}

/**
 * One subscription: a kafkajs consumer of its own in the group, reading one topic. Owns the
 * consumer's life: joining (`start` resolves once it has its partitions and fetches), crashes
 * (logged; restarted by kafkajs when retriable, by us after a delay when not) and the
 * graceful leave (`close`).
 */
export class KafkaGroupMember {
  private readonly consumer: Consumer;
  private readonly stopping = new AbortController();
  private readonly attempts = new DeliveryAttempts();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private readonly runConfig: ConsumerRunConfig;
  private readonly restarter: ConsumerCrashRestarter;
  private closing: Promise<void> | undefined;

  constructor(private readonly params: KafkaGroupMemberParams) {
    const { settings } = params;
    this.consumer = params.kafka.consumer({
      groupId: params.group,
      sessionTimeout: settings.sessionTimeout,
      heartbeatInterval: settings.heartbeatInterval,
      rebalanceTimeout: settings.rebalanceTimeout,
      maxWaitTimeInMs: settings.maxWaitTimeInMs,
      // Topics are created by the adapter, with our partition count, before subscribing.
      allowAutoTopicCreation: false,
      retry: { restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    const processor = new KafkaBatchProcessor({
      topic: params.topic,
      group: params.group,
      handler: params.handler,
      maxBatchSize: params.maxBatchSize,
      adopt: params.adopt,
      signal: this.stopping.signal,
      attempts: this.attempts,
      seek: (partition, offset) => this.consumer.seek({ topic: params.topic, partition, offset }),
      resumeLater: (delayMs, resume) => this.resumeLater(delayMs, resume),
      publishRaw: params.publishRaw,
      settings,
    });
    this.runConfig = {
      eachBatch: (payload) => processor.process(payload),
      // We resolve offsets ourselves, one per handled slice; kafkajs would resolve the
      // whole batch, including events a failed slice held back.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: params.concurrency,
      autoCommit: true,
      autoCommitThreshold: settings.autoCommitThreshold,
      autoCommitInterval: settings.autoCommitInterval,
    };
    this.restarter = new ConsumerCrashRestarter({
      consumer: this.consumer,
      runConfig: this.runConfig,
      signal: this.stopping.signal,
      crashRestartDelayMs: settings.crashRestartDelayMs,
      logger: settings.logger,
      describe: () => this.describe(),
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.attempts.keepOnly(payload.memberAssignment[params.topic] ?? []);
    });
  }

  /**
   * Connects, joins the group and resolves once this member has its partitions and has
   * fetched from them once: its starting offsets are resolved and its next fetch is waiting
   * on the broker, so an event published afterwards reaches it at once (or reaches another
   * member, when the group has more members than partitions). New groups start at the
   * oldest retained event.
   */
  async start(): Promise<void> {
    const ready = this.joinedAndFetching();
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [this.params.topic], fromBeginning: true });
      // Resolves after the first join, or after a crash during it (then kafkajs restarts it
      // and `ready` still waits for the join that follows).
      await this.consumer.run(this.runConfig);
      await ready.promise;
    } catch (error) {
      ready.cancel();
      await this.close();
      throw error;
    }
  }

  /** Graceful leave; see `Subscription.close`. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Handlers see the abort; the batch loop takes no further event after the running one.
    this.stopping.abort();
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.restarter.stop();
    try {
      // Waits for the running batch (so the running handler), commits what it resolved,
      // leaves the group (its partitions go to the other members at once) and disconnects.
      await this.consumer.disconnect();
    } catch (error) {
      // The group drops us after sessionTimeout anyway; unresolved events are redelivered.
      this.params.settings.logger.warn(
        `${this.describe()}: could not leave the group cleanly: ${errorMessage(error)}`,
      );
    }
  }

  /** The first fetch after a GROUP_JOIN (a join alone leaves the offsets to resolve). */
  private joinedAndFetching(): { promise: Promise<void>; cancel: () => void } {
    const { joinTimeoutMs } = this.params.settings;
    const { events } = this.consumer;
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve, reject) => {
      let joined = false;
      const fail = (reason: string): void => {
        cancel();
        reject(new Error(`${this.describe()}: ${reason}`));
      };
      const timer = setTimeout(
        () =>
          fail(
            `not taken into the group within ${joinTimeoutMs} ms (joinTimeoutMs); is the ` +
              'broker reachable, or another member stuck in a handler?',
          ),
        joinTimeoutMs,
      );
      const removeJoinListener = this.consumer.on(events.GROUP_JOIN, () => {
        joined = true;
      });
      const removeFetchListener = this.consumer.on(events.FETCH, () => {
        if (!joined) return;
        cancel();
        resolve();
      });
      // Closed while joining (the pub/sub is shutting down): stop waiting at once.
      const onClose = (): void => fail('closed before it joined the group');
      this.stopping.signal.addEventListener('abort', onClose, { once: true });
      cancel = () => {
        clearTimeout(timer);
        removeJoinListener();
        removeFetchListener();
        this.stopping.signal.removeEventListener('abort', onClose);
      };
    });
    // `start` may fail before awaiting it; the rejection must not go unhandled meanwhile.
    promise.catch(() => undefined);
    return { promise, cancel };
  }

  private resumeLater(delayMs: number, resume: () => void): void {
    if (this.stopping.signal.aborted) return;
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delayMs);
    this.resumeTimers.add(timer);
  }

  private describe(): string {
    return `group "${this.params.group}" on topic "${this.params.topic}"`;
  }
}
