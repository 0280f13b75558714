import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { errorMessage } from '../../internal/error-message';
import type { DeadLetterAttributes } from '../../middleware/dead-letter.attributes';

/** As in the `deadLetter` middleware: a dead letter's headers must fit the broker's limits. */
const MAX_ERROR_LENGTH = 2048;

/** Names the decoder in `ce_dlqhandler`: no handler ever saw the message. */
export const POISON_HANDLER_NAME = 'KafkaPubSub (decoding)';
/** Names the subscriber's `adopt` in `ce_dlqhandler`: it refused the foreign message. */
export const ADOPT_HANDLER_NAME = 'KafkaPubSub (adopt)';

/** Where the message sat in its topic: Kafka-only additions to the dead-letter headers. */
interface PoisonPositionAttributes {
  /** Partition of the original message. */
  readonly dlqpartition: string;
  /** Offset of the original message: with `dlqtopic`, finds it in the original topic. */
  readonly dlqoffset: string;
}

type PoisonHeaderName = keyof DeadLetterAttributes | keyof PoisonPositionAttributes;

export interface PoisonFailure {
  readonly topic: string;
  readonly group: string;
  readonly partition: number;
  readonly offset: string;
  /** The member's delivery attempt that found the message undecodable (normally 1). */
  readonly deliveryAttempt: number;
  /** Why it could not be decoded (an `EnvelopeValidationError` naming the attribute). */
  readonly error: unknown;
  readonly failedAt: Date;
  /** Who gave up on it: the CloudEvents decoder (default) or the subscriber's `adopt`. */
  readonly stage?: 'decoding' | 'adopting';
}

/**
 * The dead letter of a message that is no valid CloudEvent, so no `EventEnvelope` exists to
 * dead-letter: the original bytes (key, value, headers) unchanged, so nothing is lost and it
 * can be fixed and re-produced, plus the failure as the same `ce_dlq*` headers the
 * `deadLetter` middleware writes (`dlqattempts` is 0: no handler ran), and the original
 * partition and offset. The headers replace any of the same name the message carried.
 */
export function poisonDeadLetter(message: KafkaMessage, failure: PoisonFailure): Message {
  const failureHeaders: Record<`ce_${PoisonHeaderName}`, string> = {
    ce_dlqerror: errorMessage(failure.error).slice(0, MAX_ERROR_LENGTH),
    ce_dlqerrortype: failure.error instanceof Error ? failure.error.name : typeof failure.error,
    ce_dlqtopic: failure.topic,
    ce_dlqgroup: failure.group,
    ce_dlqhandler: failure.stage === 'adopting' ? ADOPT_HANDLER_NAME : POISON_HANDLER_NAME,
    ce_dlqattempts: '0',
    ce_dlqdeliveryattempt: String(failure.deliveryAttempt),
    ce_dlqfailedat: failure.failedAt.toISOString(),
    ce_dlqpartition: String(failure.partition),
    ce_dlqoffset: failure.offset,
  };
  // The producer stamps the time: an old original timestamp could expire the dead letter at
  // once under the dead-letter topic's time-based retention.
  return {
    key: message.key,
    value: message.value,
    headers: { ...withoutHeaders(message.headers ?? {}, failureHeaders), ...failureHeaders },
  };
}

function withoutHeaders(headers: IHeaders, replaced: Readonly<Record<string, string>>): IHeaders {
  const names = new Set(Object.keys(replaced));
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!names.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}
