import { randomUUID } from 'node:crypto';
import { JSON_CONTENT_TYPE } from './content-type';
import type { EventEnvelope } from './event-envelope';
import { validateCreatedEnvelope } from './validate-envelope';

/** What a producer says about a new event; everything else has a sensible default. */
export interface CreateEnvelopeInput<T> {
  /** UPPER_SNAKE event name, e.g. `USER_CREATED`. */
  readonly type: string;
  /** URI-reference of the producer, e.g. `/handler-router`. */
  readonly source: string;
  readonly data: T;
  /** What the event is about, e.g. the user's id; also the default partition key. */
  readonly subject?: string;
  /** Defaults to a random UUID. Pass one to make re-publishing the same fact idempotent. */
  readonly id?: string;
  /** When the fact happened; defaults to now. */
  readonly time?: string | Date;
  /** Defaults to `causedBy`'s correlation id, else to this event's own id (a new flow). */
  readonly correlationId?: string;
  /** The event being handled when this one is emitted: links the two for tracing. */
  readonly causedBy?: Pick<EventEnvelope, 'id' | 'correlationid'>;
  /** Defaults to `subject`, else to the id: events about one thing stay in order. */
  readonly partitionKey?: string;
}

/**
 * Builds a validated, frozen envelope. Throws an `EnvelopeValidationError` when the
 * result would break a rule (e.g. a `type` that is not UPPER_SNAKE), so a bad event is
 * caught where it is made rather than by every consumer.
 */
export function createEnvelope<T>(input: CreateEnvelopeInput<T>): EventEnvelope<T> {
  const id = input.id ?? randomUUID();
  const envelope: EventEnvelope<T> = {
    specversion: '1.0',
    id,
    source: input.source,
    type: input.type,
    subject: input.subject,
    time: timestampOf(input.time),
    datacontenttype: JSON_CONTENT_TYPE,
    correlationid: input.correlationId ?? input.causedBy?.correlationid ?? id,
    causationid: input.causedBy?.id,
    partitionkey: input.partitionKey ?? input.subject ?? id,
    data: input.data,
  };
  // The copy holds the same `data`, so it is still an EventEnvelope<T>.
  return validateCreatedEnvelope(envelope) as EventEnvelope<T>;
}

/** An invalid `Date` becomes the string "Invalid Date", which validation then rejects by name. */
function timestampOf(time: string | Date | undefined): string {
  if (time === undefined) return new Date().toISOString();
  if (typeof time === 'string') return time;
  return Number.isNaN(time.getTime()) ? String(time) : time.toISOString();
}
