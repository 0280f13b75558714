import { errorMessage } from '../../internal/error-message';
import type { DeadLetterAttributes } from '../../middleware/dead-letter.attributes';
import type { StreamEntry } from './stream-reply.parser';

/** As in the `deadLetter` middleware: a dead letter's error text stays bounded. */
const MAX_ERROR_LENGTH = 2048;

/** Names the decoder in `dlqhandler`: no handler ever saw the entry. */
export const POISON_HANDLER_NAME = 'RedisStreamsPubSub (decoding)';

/** Where the entry sat: with `dlqtopic`, finds it in the original stream (if not trimmed). */
interface PoisonPositionFields {
  /** The original entry id (`DeliveryContext.offset` on Redis). */
  readonly dlqoffset: string;
}

type PoisonFieldName = keyof DeadLetterAttributes | keyof PoisonPositionFields;

export interface PoisonFailure {
  readonly topic: string;
  readonly group: string;
  /** The delivery attempt that found the entry undecodable (normally 1). */
  readonly deliveryAttempt: number;
  /** Why it could not be decoded (an `EnvelopeValidationError` naming the attribute). */
  readonly error: unknown;
  readonly failedAt: Date;
}

/**
 * The dead letter of an entry that holds no valid event (a foreign XADD), so there is no
 * `EventEnvelope` for the `deadLetter` middleware to handle: the entry's own fields unchanged,
 * so nothing is lost and it can be fixed and re-added, plus the failure as fields named like
 * the middleware's attributes (`dlqattempts` is 0: no handler ran) and the original entry id.
 * Returned as the flat field/value list XADD takes; the failure fields replace any of the
 * same name the entry carried.
 */
export function poisonDeadLetterFields(entry: StreamEntry, failure: PoisonFailure): string[] {
  const failureFields: Record<PoisonFieldName, string> = {
    dlqerror: errorMessage(failure.error).slice(0, MAX_ERROR_LENGTH),
    dlqerrortype: failure.error instanceof Error ? failure.error.name : typeof failure.error,
    dlqtopic: failure.topic,
    dlqgroup: failure.group,
    dlqhandler: POISON_HANDLER_NAME,
    dlqattempts: '0',
    dlqdeliveryattempt: String(failure.deliveryAttempt),
    dlqfailedat: failure.failedAt.toISOString(),
    dlqoffset: entry.id,
  };
  const kept = [...entry.fields].filter(([name]) => !Object.hasOwn(failureFields, name));
  return [...kept, ...Object.entries(failureFields)].flat();
}
