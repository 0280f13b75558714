import type { InMemoryInboxStoreOptions } from './adapters/in-memory/in-memory-inbox.store';
import type { InMemoryJobQueueOptions } from './adapters/in-memory/in-memory-job-queue.options';
import type { InMemoryPubSubOptions } from './adapters/in-memory/in-memory-pub-sub.options';
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
  readonly jobQueue?: InMemoryJobQueueOptions;
  /**
   * The in-memory inbox's options, or `false` to leave `INBOX_STORE` to another module
   * (PersistenceModule's durable one): two global providers of one token would be ambiguous.
   */
  readonly inbox?: InMemoryInboxStoreOptions | false;
}
