import type { InMemoryInboxStoreOptions } from './adapters/in-memory/in-memory-inbox.store';
import type { InMemoryJobQueueOptions } from './adapters/in-memory/in-memory-job-queue.options';
import type { InMemoryPubSubOptions } from './adapters/in-memory/in-memory-pub-sub.options';

export interface TransportModuleOptions {
  readonly pubSub?: InMemoryPubSubOptions;
  readonly jobQueue?: InMemoryJobQueueOptions;
  /**
   * The in-memory inbox's options, or `false` to leave `INBOX_STORE` to another module
   * (PersistenceModule's durable one): two global providers of one token would be ambiguous.
   */
  readonly inbox?: InMemoryInboxStoreOptions | false;
}
