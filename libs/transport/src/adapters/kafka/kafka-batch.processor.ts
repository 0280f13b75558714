import { type EventEnvelope, fromKafkaMessage, isDeadLetterTopic } from '@app/envelope';
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';
import type { DeliveryContext, EventHandlerFn } from '../../ports/event-bus.port';
import type { TransportLogger } from '../../ports/transport-logger.port';
import type { DeliveryAttempts } from './delivery-attempts';
import { withHeartbeats } from './handler.heartbeat';
import { poisonDeadLetter } from './poison-message';

export interface KafkaBatchSettings {
  readonly redeliveryDelayMs: (attempt: number) => number;
  readonly heartbeatInterval: number;
  readonly rebalanceTimeout: number;
  readonly logger: TransportLogger;
}

export interface KafkaBatchProcessorParams {
  readonly topic: string;
  readonly group: string;
  readonly handler: EventHandlerFn;
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
}

/**
 * One subscription's kafkajs `eachBatch`: hands a partition's fetched messages to the handler
 * one at a time, in offset order. kafkajs never runs two batches of one partition at once, so
 * at most one event per partition is in flight; `partitionsConsumedConcurrently` bounds the
 * partitions.
 *
 * - Success: the offset is resolved, then committed (subject to `autoCommitThreshold`), so
 *   only handled events are ever committed.
 * - Failure: the offset is left unresolved; the partition is sought back to it and paused for
 *   the redelivery delay, and the rest of the batch is dropped. The same event comes back with
 *   `attempt` + 1, and nothing behind it in the partition overtakes it (per-key order), while
 *   the member's other partitions go on. While closing it is left alone: unresolved, so the
 *   member that takes the partition over gets it.
 * - A message that is no valid CloudEvent (poison) goes, bytes unchanged, to `<topic>.dlq`
 *   with the reason in `ce_dlq*` headers, and is then resolved like a handled one; if that
 *   publish fails it is redelivered like a failed event, so it is never lost.
 */
export class KafkaBatchProcessor {
  constructor(private readonly params: KafkaBatchProcessorParams) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (const message of batch.messages) {
      // isStale: a seek (ours or a rebalance's) made the rest of this batch obsolete.
      if (this.params.signal.aborted || !payload.isRunning() || payload.isStale()) return;
      const acknowledged = await this.deliver(batch.partition, message, payload);
      if (!acknowledged) {
        if (!this.params.signal.aborted) this.redeliverLater(payload, batch.partition, message);
        return;
      }
      payload.resolveOffset(message.offset);
      // Errors here are kafkajs' (a rebalance, a lost coordinator): it handles them itself.
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
    }
  }

  /** True when the message is done with (handled or dead-lettered), false to redeliver it. */
  private async deliver(
    partition: number,
    message: KafkaMessage,
    payload: EachBatchPayload,
  ): Promise<boolean> {
    const { attempts, signal, topic, group } = this.params;
    const attempt = attempts.current(partition, message.offset);
    let event: EventEnvelope;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      return this.deadLetterPoison(partition, message, attempt, error);
    }
    const context: DeliveryContext = {
      topic,
      group,
      attempt,
      partition,
      offset: message.offset,
      signal,
    };
    try {
      await withHeartbeats(
        () => this.params.handler(event, context),
        () => payload.heartbeat(),
        {
          intervalMs: this.params.settings.heartbeatInterval,
          maxMs: this.params.settings.rebalanceTimeout,
          onOverrun: () =>
            this.params.settings.logger.warn(
              `${this.where(partition, message.offset)}: the handler of event ${event.id} has run ` +
                `longer than rebalanceTimeout (${this.params.settings.rebalanceTimeout} ms); no ` +
                'longer heartbeating, so the group will hand the partition to another member',
            ),
        },
      );
      attempts.recordSuccess(partition, message.offset);
      return true;
    } catch (error) {
      attempts.recordFailure(partition, message.offset);
      const next = signal.aborted
        ? 'leaving it to the next member (closing)'
        : `redelivering in ${this.params.settings.redeliveryDelayMs(attempt)} ms`;
      this.params.settings.logger.warn(
        `${this.where(partition, message.offset)}: handler failed on event ${event.id} ` +
          `(attempt ${attempt}); ${next}: ${errorMessage(error)}`,
      );
      return false;
    }
  }

  private async deadLetterPoison(
    partition: number,
    message: KafkaMessage,
    attempt: number,
    error: unknown,
  ): Promise<boolean> {
    const { topic, group, settings } = this.params;
    const where = this.where(partition, message.offset);
    if (isDeadLetterTopic(topic)) {
      // A dead-letter topic has none of its own; the message stays in this topic for a person.
      settings.logger.error(
        `${where}: skipping a message that is no valid event (it stays in the dead-letter ` +
          `topic): ${errorMessage(error)}`,
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
    });
    try {
      await this.params.publishRaw(deadLetterTopic, deadLetter);
    } catch (publishError) {
      this.params.attempts.recordFailure(partition, message.offset);
      settings.logger.error(
        `${where}: could not dead-letter a message that is no valid event to ` +
          `"${deadLetterTopic}" (${errorMessage(publishError)}); it stays unacknowledged: ` +
          errorMessage(error),
      );
      return false;
    }
    this.params.attempts.recordSuccess(partition, message.offset);
    settings.logger.error(
      `${where}: moved a message that is no valid event to "${deadLetterTopic}": ` +
        errorMessage(error),
    );
    return true;
  }

  /**
   * Seek back, then pause: the seek makes kafkajs drop what it already fetched behind the
   * failed event and fetch from it again; the pause keeps it from doing so before the delay.
   * Pausing rather than waiting here lets the member's other partitions go on meanwhile
   * (kafkajs fetches the next round only once every batch of this one is done).
   */
  private redeliverLater(
    payload: EachBatchPayload,
    partition: number,
    message: KafkaMessage,
  ): void {
    const attempt = this.params.attempts.current(partition, message.offset) - 1;
    this.params.seek(partition, message.offset);
    const resume = payload.pause();
    this.params.resumeLater(this.params.settings.redeliveryDelayMs(attempt), resume);
  }

  private where(partition: number, offset: string): string {
    return `group "${this.params.group}" on topic "${this.params.topic}" partition ${partition} offset ${offset}`;
  }
}
