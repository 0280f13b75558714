// Ports: what domain code depends on (inject them by token).
export * from './ports/broker-probe.port';
export * from './ports/event-bus.port';
export * from './ports/inbox-store.port';
export * from './ports/job-queue.port';
export * from './ports/transport-logger.port';
export * from './transport.constants';

// A bounded wait on a broker lookup (readiness checks, metrics scrapes).
export * from './internal/answer-within';

// Middleware around event handlers.
export * from './middleware/compose.middleware';
export * from './middleware/dead-letter.attributes';
export * from './middleware/dead-letter.middleware';
export * from './middleware/idempotent.middleware';
export * from './middleware/resilient-handler.middleware';
export * from './middleware/retry-exhausted.error';
export * from './middleware/retry.middleware';

// In-memory adapters (the embedded default) and the Nest module registering them.
export * from './adapters/in-memory/in-memory-inbox.store';
export * from './adapters/in-memory/in-memory-job-queue.adapter';
export * from './adapters/in-memory/in-memory-job-queue.options';
export * from './adapters/in-memory/in-memory-pub-sub.adapter';
export * from './adapters/in-memory/in-memory-pub-sub.options';
export * from './transport.module';

// Redis adapters: runtime code behind entry points of their own ('@app/transport/adapters/
// redis-streams', '@app/transport/adapters/bullmq'), because loading ioredis and bullmq costs
// ~40 MB RSS and ~0.2 s at start-up that apps on the embedded default should not pay. Their
// options are types only, free to export here.
export type { RedisStreamsPubSubOptions } from './adapters/redis-streams/redis-streams-pub-sub.options';
export type { BullMqJobQueueOptions } from './adapters/bullmq/bullmq-job-queue.options';
export * from './transport.config';

// Kafka adapter: runtime code behind '@app/transport/adapters/kafka', so that kafkajs loads
// only in apps that use it. Its options and the broker-list parser load nothing.
export type { KafkaPubSubOptions } from './adapters/kafka/kafka-pub-sub.options';
export type { KafkaLogger, KafkaLogLevel } from './adapters/kafka/kafka-log.creator';
export { parseKafkaBrokers } from './adapters/kafka/kafka-brokers.parser';
