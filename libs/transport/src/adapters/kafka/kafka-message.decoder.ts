import { type EventEnvelope, fromKafkaMessage, validateEnvelope } from '@app/envelope';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { ForeignMessage } from '../../ports/event-bus.port';

/** Prefix of the CloudEvents Kafka binding's attribute headers (binary mode). */
const ATTRIBUTE_HEADER_PREFIX = 'ce_';
/** Structured mode says so in `content-type` (`application/cloudevents+json`, or a batch). */
const CLOUDEVENTS_MEDIA_TYPE_PREFIX = 'application/cloudevents';

/** Turns a foreign message into an envelope; see `SubscribeOptions.adopt`. */
export type AdoptFn = (message: ForeignMessage) => EventEnvelope;

/** Where decoding a message ended: an event, or why there is none (it will be dead-lettered). */
export type DecodedMessage =
  | { readonly ok: true; readonly event: EventEnvelope }
  | {
      readonly ok: false;
      readonly error: unknown;
      /** `adopting`: the subscriber's `adopt` threw or made no valid envelope. */
      readonly stage: 'decoding' | 'adopting';
    };

/**
 * The envelope a fetched message carries. A message with no CloudEvents marker at all goes to
 * `adopt` when the subscriber gave one; any other message is read with the CloudEvents Kafka
 * binding, so one that claims to be an event but is not a valid one stays poison.
 */
export function decodeKafkaMessage(
  message: KafkaMessage,
  position: { readonly topic: string; readonly partition: number },
  adopt: AdoptFn | undefined,
): DecodedMessage {
  const headers = message.headers ?? {};
  if (adopt !== undefined && !carriesCloudEvent(headers)) {
    try {
      // Validated (and frozen) like any decoded event: `adopt` is caller code.
      return { ok: true, event: validateEnvelope(adopt(foreignMessage(message, position))) };
    } catch (error) {
      return { ok: false, error, stage: 'adopting' };
    }
  }
  try {
    return { ok: true, event: fromKafkaMessage(message) };
  } catch (error) {
    return { ok: false, error, stage: 'decoding' };
  }
}

/** True when any header says "CloudEvent": a `ce_*` attribute or a CloudEvents content type. */
export function carriesCloudEvent(headers: IHeaders): boolean {
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name.startsWith(ATTRIBUTE_HEADER_PREFIX)) return true;
    if (name !== 'content-type' || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => mediaTypeOf(v.toString()).startsWith(CLOUDEVENTS_MEDIA_TYPE_PREFIX))) {
      return true;
    }
  }
  return false;
}

function foreignMessage(
  message: KafkaMessage,
  { topic, partition }: { readonly topic: string; readonly partition: number },
): ForeignMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    headers: textHeaders(message.headers ?? {}),
    timestamp: message.timestamp,
  };
}

/** Header values as text; a repeated header gives its last value, as Java's `lastHeader`. */
function textHeaders(headers: IHeaders): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) text[name] = last.toString();
  }
  return text;
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
