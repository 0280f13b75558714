export type { EventEnvelope } from './event-envelope';
export {
  DEAD_LETTER_SUFFIX,
  assertEventType,
  assertTopicName,
  deadLetterTopic,
  isDeadLetterTopic,
  isEventType,
  isTopicName,
  suggestEventType,
  suggestTopicName,
} from './event-names';
export { EventNameError, type EventNameKind } from './event-name.error';
export { EnvelopeValidationError } from './envelope-validation.error';
export { createEnvelope, type CreateEnvelopeInput } from './create-envelope';
export { validateEnvelope } from './validate-envelope';
export { deserializeEnvelope, serializeEnvelope } from './json-codec';
export { fromKafkaMessage, toKafkaMessage } from './kafka-binding';
export type { IncomingKafkaMessage, KafkaContentMode, OutgoingKafkaMessage } from './kafka-message';
export type { KafkaHeaderValue } from './kafka-headers';
