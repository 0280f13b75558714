import type { KafkaHeaderValue } from './kafka-headers';

/**
 * The two content modes of the CloudEvents Kafka binding. Binary (the default) puts the
 * attributes in `ce_*` headers and only the data in the value, so consumers that ignore
 * CloudEvents still read plain JSON; structured puts the whole event JSON in the value,
 * for pipes that drop headers.
 */
export type KafkaContentMode = 'binary' | 'structured';

/** A message ready for a Kafka producer; kafkajs' `Message` accepts it as is. */
export interface OutgoingKafkaMessage {
  /** The `partitionkey`: events with the same key land on one partition, in order. */
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  /** Milliseconds since the epoch, as a string (kafkajs' format), taken from `time`. */
  timestamp?: string;
}

/** A message as a Kafka consumer delivers it; kafkajs' `KafkaMessage` fits. */
export interface IncomingKafkaMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Readonly<Record<string, KafkaHeaderValue>>;
  /** Milliseconds since the epoch, as a string; stands in for a missing `time`. */
  timestamp?: string;
}
