import type { EventEnvelope } from '@app/envelope';

/** Longer error messages are cut, so a dead letter always fits in broker headers. */
const MAX_ERROR_LENGTH = 2048;

/**
 * What the `deadLetter` middleware adds to an event it dead-letters. The event itself is kept
 * whole (same `id`, `data`, `partitionkey`, so it can be replayed as is) and the failure is
 * attached as CloudEvents extension attributes (lower-case alphanumeric names, as the spec
 * requires), which the Kafka binding carries as `ce_dlq*` headers. Integers may come back as
 * strings from header-based transports: read them with `readDeadLetter`.
 */
export interface DeadLetterAttributes {
  /** Message of the last error (cut to 2048 characters). */
  readonly dlqerror: string;
  /** Class name of the last error, e.g. `ValidationError`. */
  readonly dlqerrortype: string;
  /** Topic the event failed on. */
  readonly dlqtopic: string;
  /** Consumer group that failed it. */
  readonly dlqgroup: string;
  /** The `handlerName` given to the middleware. */
  readonly dlqhandler: string;
  /** Handler calls made for the delivery that gave up (the retry middleware's count). */
  readonly dlqattempts: number;
  /** `DeliveryContext.attempt` of that delivery (> 1 if the broker had redelivered it). */
  readonly dlqdeliveryattempt: number;
  /** RFC 3339 time of dead-lettering. */
  readonly dlqfailedat: string;
}

export type DeadLetteredEvent = EventEnvelope & DeadLetterAttributes;

/** The failure facts in readable form (see `DeadLetterAttributes` for each field). */
export interface DeadLetterInfo {
  readonly error: string;
  readonly errorType: string;
  readonly topic: string;
  readonly group: string;
  readonly handler: string;
  readonly attempts: number;
  readonly deliveryAttempt: number;
  readonly failedAt: string;
}

export function toDeadLetteredEvent(event: EventEnvelope, info: DeadLetterInfo): DeadLetteredEvent {
  return {
    ...event,
    dlqerror: info.error.slice(0, MAX_ERROR_LENGTH),
    dlqerrortype: info.errorType,
    dlqtopic: info.topic,
    dlqgroup: info.group,
    dlqhandler: info.handler,
    dlqattempts: info.attempts,
    dlqdeliveryattempt: info.deliveryAttempt,
    dlqfailedat: info.failedAt,
  };
}

/** The failure attached to a dead-lettered event, or undefined if it carries none. */
export function readDeadLetter(event: EventEnvelope): DeadLetterInfo | undefined {
  const fields = event as Partial<Record<keyof DeadLetterAttributes, unknown>>;
  const attempts = toInteger(fields.dlqattempts);
  const deliveryAttempt = toInteger(fields.dlqdeliveryattempt);
  const texts = [
    fields.dlqerror,
    fields.dlqerrortype,
    fields.dlqtopic,
    fields.dlqgroup,
    fields.dlqhandler,
    fields.dlqfailedat,
  ];
  if (attempts === undefined || deliveryAttempt === undefined) return undefined;
  if (!texts.every((text) => typeof text === 'string')) return undefined;
  const [error, errorType, topic, group, handler, failedAt] = texts as string[];
  return { error, errorType, topic, group, handler, attempts, deliveryAttempt, failedAt };
}

function toInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && value !== '' ? Number(value) : value;
  return Number.isInteger(number) ? (number as number) : undefined;
}
