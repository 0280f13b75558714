import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ExistingProvider,
  type FactoryProvider,
  Inject,
  Module,
} from '@nestjs/common';
import {
  InMemoryInboxStore,
  type InMemoryInboxStoreOptions,
} from './adapters/in-memory/in-memory-inbox.store';
import { InMemoryJobQueue } from './adapters/in-memory/in-memory-job-queue.adapter';
import type { InMemoryJobQueueOptions } from './adapters/in-memory/in-memory-job-queue.options';
import { InMemoryPubSub } from './adapters/in-memory/in-memory-pub-sub.adapter';
import type { InMemoryPubSubOptions } from './adapters/in-memory/in-memory-pub-sub.options';
import type { PubSub } from './ports/event-bus.port';
import type { JobQueue } from './ports/job-queue.port';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  INBOX_STORE,
  JOB_QUEUE,
  PUB_SUB,
} from './transport.constants';

export interface TransportModuleOptions {
  readonly pubSub?: InMemoryPubSubOptions;
  readonly jobQueue?: InMemoryJobQueueOptions;
  /**
   * The in-memory inbox's options, or `false` to leave `INBOX_STORE` to another module
   * (PersistenceModule's durable one): two global providers of one token would be ambiguous.
   */
  readonly inbox?: InMemoryInboxStoreOptions | false;
}

/**
 * Registers the transport ports under their tokens, for the whole app. For now always the
 * in-memory adapters (the embedded default); the Kafka, Redis Streams and BullMQ adapters
 * will be chosen here from configuration, so no other module changes when they arrive.
 */
@Module({})
export class TransportModule implements BeforeApplicationShutdown {
  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
  ) {}

  static forRoot(options: TransportModuleOptions = {}): DynamicModule {
    const { inbox } = options;
    const providers: (FactoryProvider | ExistingProvider)[] = [
      { provide: PUB_SUB, useFactory: () => new InMemoryPubSub(options.pubSub) },
      { provide: EVENT_PUBLISHER, useExisting: PUB_SUB },
      { provide: EVENT_SUBSCRIBER, useExisting: PUB_SUB },
      { provide: JOB_QUEUE, useFactory: () => new InMemoryJobQueue(options.jobQueue) },
    ];
    if (inbox !== false) {
      providers.push({ provide: INBOX_STORE, useFactory: () => new InMemoryInboxStore(inbox) });
    }
    return {
      module: TransportModule,
      global: true,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }

  /**
   * Drains consumers and workers before `onApplicationShutdown`, where database modules
   * close their connections: in-flight handlers still need them to finish cleanly.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.pubSub.close(), this.jobQueue.close()]);
  }
}
