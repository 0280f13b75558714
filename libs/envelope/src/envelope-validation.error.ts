/**
 * Thrown when something that should be an {@link EventEnvelope} is not one: an HTTP body,
 * a Kafka message, or arguments to `createEnvelope`.
 *
 * `attribute` is the CloudEvents attribute name (`type`, `time`, ...) whatever the carrier,
 * so an HTTP layer can answer 400 with the field, and a consumer can dead-letter the
 * message with the reason; `(event)` and `(body)` stand for the whole event and the raw
 * bytes. When the attribute was read from somewhere else than the event JSON (a Kafka
 * header, the message key), `location` says where, so the producer knows what to fix.
 */
export class EnvelopeValidationError extends Error {
  constructor(
    readonly attribute: string,
    /** The rule broken, phrased to follow the attribute name, e.g. `must be UPPER_SNAKE ...`. */
    readonly rule: string,
    /** Where the attribute was read from, e.g. `Kafka header "ce_type"`. */
    readonly location?: string,
  ) {
    super(`Invalid event envelope: "${attribute}"${where(location)} ${rule}`);
    this.name = 'EnvelopeValidationError';
  }

  /** The same error, now saying where the attribute came from. */
  at(location: string): EnvelopeValidationError {
    return new EnvelopeValidationError(this.attribute, this.rule, location);
  }
}

function where(location: string | undefined): string {
  return location === undefined ? '' : ` (from ${location})`;
}
