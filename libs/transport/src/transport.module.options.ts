import type { InMemoryInboxStoreOptions } from './adapters/in-memory/in-memory-inbox.store';
import type { InMemoryJobQueueOptions } from './adapters/in-memory/in-memory-job-queue.options';
import type { InMemoryPubSubOptions } from './adapters/in-memory/in-memory-pub-sub.options';
import type { KafkaPubSubOptions } from './adapters/kafka/kafka-pub-sub.options';
import type { RedisStreamsPubSubOptions } from './adapters/redis-streams/redis-streams-pub-sub.options';

export interface TransportModuleOptions {
  /** The in-memory pub/sub's options (the embedded default). */
  readonly pubSub?: InMemoryPubSubOptions;
  /**
   * Stream naming and trimming when the configuration picks Redis Streams for events (the
   * connection comes from `REDIS_URL`): `keyPrefix: ''` names a topic's stream after the topic
   * alone, as a seed that reads `XRANGE events - +` expects. `minIdleTimeMs` is how soon the
   * events a crashed process held are taken over by the group's other members.
   */
  readonly redisStreams?: Pick<RedisStreamsPubSubOptions, 'keyPrefix' | 'maxLen' | 'minIdleTimeMs'>;
  /**
   * Topic creation when the configuration picks Kafka (the brokers come from `KAFKA_BROKERS`):
   * `partitions` is how many the topics this app creates get, the most consumer processes
   * (or partitions handled at once) a group can use. Topics that exist keep theirs.
   */
  readonly kafka?: Pick<KafkaPubSubOptions, 'partitions'>;
  readonly jobQueue?: InMemoryJobQueueOptions;
  /**
   * The in-memory inbox's options, or `false` to leave `INBOX_STORE` to another module
   * (PersistenceModule's durable one): two global providers of one token would be ambiguous.
   */
  readonly inbox?: InMemoryInboxStoreOptions | false;
}
