import { isDeadLetterTopic } from '@app/envelope';
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';
import type { Delivery, EventBatchHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import type { DeliveryAttempts } from './delivery-attempts';
import { HandlerHeartbeat } from './handler.heartbeat';
import { type AdoptFn, decodeKafkaMessage } from './kafka-message.decoder';
import { poisonDeadLetter } from './poison-message';

export interface KafkaBatchSettings {
  readonly redeliveryDelayMs: (attempt: number) => number;
  readonly heartbeatInterval: number;
  readonly rebalanceTimeout: number;
  readonly onPoisonDeadLettered?: (topic: string) => void;
  readonly logger: TransportLogger;
}

export interface KafkaBatchProcessorParams {
  readonly topic: string;
  readonly group: string;
  readonly handler: EventBatchHandlerFn;
  /** Most events per handler call: 1 for a per-event `subscribe`. */
  readonly maxBatchSize: number;
  /** The subscriber's hook for messages that carry no CloudEvent (`SubscribeOptions.adopt`). */
  readonly adopt?: AdoptFn;
  /** Aborted when the subscription starts closing (`DeliveryContext.signal`). */
  readonly signal: AbortSignal;
  readonly attempts: DeliveryAttempts;
  /** kafkajs' `consumer.seek`: where the partition's next fetch starts. */
  readonly seek: (partition: number, offset: string) => void;
  /** Runs `resume` after `delayMs`, unless the subscription closes first. */
  readonly resumeLater: (delayMs: number, resume: () => void) => void;
  /** Publishes a raw message to a topic, resolving once the brokers acknowledged it. */
  readonly publishRaw: (topic: string, message: Message) => Promise<void>;
  readonly settings: KafkaBatchSettings;
  /** How often the batch loop tells kafkajs where it is; see {@link BatchProgress}. */
  readonly progressSync?: ProgressSync;
}

export interface ProgressSync {
  /** After this many handled slices at most... */
  readonly everySlices: number;
  /** ...and once this many ms passed since the last time, so slow handlers still do. */
  readonly everyMs: number;
}

/** 100 events of a per-event subscription, or 50 ms: ~1% more redelivered on a crash. */
const DEFAULT_PROGRESS_SYNC: ProgressSync = { everySlices: 100, everyMs: 50 };

/** How a slice ended: acknowledged, or to be redelivered after the delay for `attempt`. */
type SliceOutcome = { readonly done: true } | { readonly done: false; readonly attempt: number };
const DONE: SliceOutcome = { done: true };

/**
 * One subscription's kafkajs `eachBatch`: cuts a partition's fetched messages into slices of
 * at most `maxBatchSize`, in offset order, and hands each slice to the handler in one call.
 * kafkajs never runs two batches of one partition at once, so at most one slice per
 * partition is in flight; `partitionsConsumedConcurrently` bounds the partitions.
 *
 * - Success: the slice's last offset is resolved, then committed (subject to
 *   `autoCommitThreshold`): one resolve, heartbeat and commit check per slice, and only
 *   handled events are ever committed. The commit runs while the next slices are handled
 *   (one at a time per member): awaiting its round trip stopped every partition of the
 *   member for 7-12 ms per 1,000 events. kafkajs commits again when the batch is done, which
 *   is the commit that counts; `process` waits for the one in flight before that.
 * - Failure: nothing of the slice is resolved; the partition is sought back to its first
 *   offset and paused for the redelivery delay, and the rest of the fetch is dropped. The
 *   same events come back with `attempt` + 1, and nothing behind them in the partition
 *   overtakes them (per-key order), while the member's other partitions go on. While
 *   closing they are left alone: unresolved, so the member that takes the partition over
 *   gets them.
 * - A message that is no valid CloudEvent (poison), or that the subscriber's `adopt` refused,
 *   goes, bytes unchanged, to `<topic>.dlq` with the reason in `ce_dlq*` headers before the
 *   rest of its slice reaches the handler, and is acknowledged with the slice; if that
 *   publish fails, the slice is redelivered like a failed one, so it is never lost.
 */
export class KafkaBatchProcessor {
  /** The member's commit in flight, started after a slice; see `commitInBackground`. */
  private committing: Promise<void> | undefined;

  constructor(private readonly params: KafkaBatchProcessorParams) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { heartbeatInterval, rebalanceTimeout } = this.params.settings;
    const heartbeat = new HandlerHeartbeat(() => payload.heartbeat(), {
      intervalMs: heartbeatInterval,
      maxMs: rebalanceTimeout,
    });
    try {
      await this.processSlices(payload, heartbeat);
    } finally {
      await heartbeat.stop();
      await this.committing;
    }
  }

  private async processSlices(
    payload: EachBatchPayload,
    heartbeat: HandlerHeartbeat,
  ): Promise<void> {
    const { batch } = payload;
    const { maxBatchSize, signal } = this.params;
    const progress = new BatchProgress(
      payload,
      () => this.commitInBackground(payload),
      this.params.progressSync ?? DEFAULT_PROGRESS_SYNC,
    );
    try {
      for (let start = 0; start < batch.messages.length; start += maxBatchSize) {
        // isStale: a seek (ours or a rebalance's) made the rest of this batch obsolete.
        if (signal.aborted || !payload.isRunning() || payload.isStale()) return;
        const slice = batch.messages.slice(start, start + maxBatchSize);
        const outcome = await this.deliver(batch.partition, slice, heartbeat);
        if (!outcome.done) {
          progress.resolve();
          if (!signal.aborted) this.redeliverLater(payload, batch.partition, slice[0], outcome);
          return;
        }
        // A promise only when it told kafkajs: an await per event costs as much as a decode.
        const syncing = progress.handled(slice[slice.length - 1].offset);
        if (syncing !== undefined) await syncing;
      }
    } finally {
      // kafkajs heartbeats and commits what is resolved once the batch is done.
      progress.resolve();
    }
  }

  /**
   * Commits what is resolved when `autoCommitThreshold` or `autoCommitInterval` says so,
   * unless a commit is in flight already. Its failure (a rebalance, a lost coordinator) is
   * left to the commit kafkajs makes at the end of the batch, which reports it.
   */
  private commitInBackground(payload: EachBatchPayload): void {
    if (this.committing !== undefined) return;
    const commit = payload.commitOffsetsIfNecessary().then(
      () => undefined,
      () => undefined,
    );
    this.committing = commit;
    void commit.then(() => {
      if (this.committing === commit) this.committing = undefined;
    });
  }

  private async deliver(
    partition: number,
    slice: readonly KafkaMessage[],
    heartbeat: HandlerHeartbeat,
  ): Promise<SliceOutcome> {
    const { attempts, topic, group, signal, adopt, handler } = this.params;
    const deliveries: Delivery[] = [];
    for (const message of slice) {
      const { offset } = message;
      if (attempts.wasDeadLettered(partition, offset)) continue;
      const attempt = attempts.current(partition, offset);
      const decoded = decodeKafkaMessage(message, { topic, partition }, adopt);
      if (decoded.ok) {
        const context = { topic, group, attempt, partition, offset, signal };
        deliveries.push({ event: decoded.event, context });
      } else if (!(await this.deadLetterPoison(partition, message, attempt, decoded))) {
        return { done: false, attempt };
      }
    }
    if (deliveries.length > 0) {
      // The handler runs here rather than in a method of its own: one await less per slice,
      // which for a per-event subscription is one per event.
      try {
        await heartbeat.run(
          () => handler(deliveries),
          () => this.warnOverrun(deliveries),
        );
      } catch (error) {
        return this.failed(deliveries, error);
      }
    }
    for (const message of slice) attempts.recordSuccess(partition, message.offset);
    return DONE;
  }

  private warnOverrun(deliveries: readonly Delivery[]): void {
    const { rebalanceTimeout, logger } = this.params.settings;
    logger.warn(
      `${this.describe(deliveries)}: the handler has run longer than rebalanceTimeout ` +
        `(${rebalanceTimeout} ms); no longer heartbeating, so the group will ` +
        'hand the partition to another member',
    );
  }

  /** Records the failed attempt of each event and says when the slice comes back. */
  private failed(deliveries: readonly Delivery[], error: unknown): SliceOutcome {
    const { settings, signal, attempts } = this.params;
    let attempt = 0;
    for (const { context } of deliveries) {
      attempts.recordFailure(context.partition, context.offset);
      attempt = Math.max(attempt, context.attempt);
    }
    const next = signal.aborted
      ? 'leaving it to the next member (closing)'
      : `redelivering in ${settings.redeliveryDelayMs(attempt)} ms`;
    settings.logger.warn(
      `${this.describe(deliveries)}: handler failed (attempt ${attempt}); ${next}: ` +
        errorMessage(error),
    );
    return { done: false, attempt };
  }

  /** True when the message is dead-lettered (or skipped on a dead-letter topic). */
  private async deadLetterPoison(
    partition: number,
    message: KafkaMessage,
    attempt: number,
    { error, stage }: { readonly error: unknown; readonly stage: 'decoding' | 'adopting' },
  ): Promise<boolean> {
    const { topic, group, settings, attempts } = this.params;
    const where = this.where(partition, message.offset);
    const what =
      stage === 'adopting' ? 'a message adopt refused' : 'a message that is no valid event';
    if (isDeadLetterTopic(topic)) {
      // A dead-letter topic has none of its own; the message stays in this topic for a person.
      settings.logger.error(
        `${where}: skipping ${what} (it stays in the dead-letter topic): ${errorMessage(error)}`,
      );
      return true;
    }
    const deadLetterTopic = `${topic}.dlq`;
    const deadLetter = poisonDeadLetter(message, {
      topic,
      group,
      partition,
      offset: message.offset,
      deliveryAttempt: attempt,
      error,
      failedAt: new Date(),
      stage,
    });
    try {
      await this.params.publishRaw(deadLetterTopic, deadLetter);
    } catch (publishError) {
      attempts.recordFailure(partition, message.offset);
      settings.logger.error(
        `${where}: could not dead-letter ${what} to "${deadLetterTopic}" ` +
          `(${errorMessage(publishError)}); it stays unacknowledged: ${errorMessage(error)}`,
      );
      return false;
    }
    attempts.recordDeadLettered(partition, message.offset);
    settings.onPoisonDeadLettered?.(topic);
    settings.logger.error(
      `${where}: moved ${what} to "${deadLetterTopic}": ${errorMessage(error)}`,
    );
    return true;
  }

  /**
   * Seek back, then pause: the seek makes kafkajs drop what it already fetched behind the
   * failed slice and fetch from it again; the pause keeps it from doing so before the delay.
   * Pausing rather than waiting here lets the member's other partitions go on meanwhile
   * (kafkajs fetches the next round only once every batch of this one is done).
   */
  private redeliverLater(
    payload: EachBatchPayload,
    partition: number,
    first: KafkaMessage,
    { attempt }: { readonly attempt: number },
  ): void {
    this.params.seek(partition, first.offset);
    const resume = payload.pause();
    this.params.resumeLater(this.params.settings.redeliveryDelayMs(attempt), resume);
  }

  private describe(deliveries: readonly Delivery[]): string {
    const first = deliveries[0];
    const { partition, offset } = first.context;
    if (deliveries.length === 1)
      return `${this.where(partition, offset)} (event ${first.event.id})`;
    const last = deliveries[deliveries.length - 1].context.offset;
    return (
      `${this.where(partition, `${offset}-${last}`)} (${deliveries.length} events from ` +
      `event ${first.event.id})`
    );
  }

  private where(partition: number, offset: string): string {
    return `group "${this.params.group}" on topic "${this.params.topic}" partition ${partition} offset ${offset}`;
  }
}

/**
 * Where one fetched batch got to, told to kafkajs (resolve, heartbeat, commit check) every
 * `everySlices` slices or `everyMs` ms rather than after each one:
 * for a per-event subscription, kafkajs' bookkeeping per event (Long arithmetic, a heartbeat
 * call, counting resolved offsets) cost as much as decoding the event. What was handled is
 * always resolved before the loop leaves the batch, whichever way it leaves.
 */
class BatchProgress {
  private unresolved: string | undefined;
  private slicesSinceSync = 0;
  private lastSync = performance.now();

  constructor(
    private readonly payload: EachBatchPayload,
    private readonly commit: () => void,
    private readonly every: ProgressSync,
  ) {}

  /** Records a handled slice; returns the sync's promise when it is time to tell kafkajs. */
  handled(offset: string): Promise<void> | undefined {
    this.unresolved = offset;
    this.slicesSinceSync += 1;
    if (
      this.slicesSinceSync >= this.every.everySlices ||
      performance.now() - this.lastSync >= this.every.everyMs
    ) {
      return this.sync();
    }
    return undefined;
  }

  resolve(): void {
    if (this.unresolved === undefined) return;
    this.payload.resolveOffset(this.unresolved);
    this.unresolved = undefined;
  }

  async sync(): Promise<void> {
    this.resolve();
    this.slicesSinceSync = 0;
    this.lastSync = performance.now();
    // Errors here are kafkajs' (a rebalance, a lost coordinator): it handles them itself.
    await this.payload.heartbeat();
    this.commit();
  }
}
