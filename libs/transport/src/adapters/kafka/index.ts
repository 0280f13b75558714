// The Kafka pub/sub adapter: import from '@app/transport/adapters/kafka'. An entry point of
// its own, so apps on the embedded default never load kafkajs (~18 MB RSS, ~60 ms).
export * from './kafka-brokers.parser';
export type { KafkaLogger, KafkaLogLevel } from './kafka-log.creator';
export * from './kafka-pub-sub.adapter';
export * from './kafka-pub-sub.options';
export { POISON_HANDLER_NAME } from './poison-message';
