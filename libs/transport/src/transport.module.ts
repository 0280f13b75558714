import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ExistingProvider,
  type FactoryProvider,
  Inject,
  Module,
} from '@nestjs/common';
import { APP_NAME, AppConfig } from '@app/platform';
import { BrokerHealthIndicator } from './health/broker.health';
import { InMemoryInboxStore } from './adapters/in-memory/in-memory-inbox.store';
import type { PubSub } from './ports/event-bus.port';
import type { JobQueue } from './ports/job-queue.port';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  INBOX_STORE,
  JOB_QUEUE,
  PUB_SUB,
} from './transport.constants';
import { createJobQueue, createPubSub } from './transport.factories';
import type { TransportModuleOptions } from './transport.module.options';

export type { TransportModuleOptions } from './transport.module.options';

/**
 * Registers the transport ports under their tokens, for the whole app, with the adapters the
 * configuration picks (TransportConfig: in memory by default, Kafka or Redis Streams for
 * events, BullMQ for jobs). No other module knows which.
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
      {
        provide: PUB_SUB,
        inject: [AppConfig, APP_NAME],
        useFactory: (config: AppConfig, appName: string) => createPubSub(config, appName, options),
      },
      { provide: EVENT_PUBLISHER, useExisting: PUB_SUB },
      { provide: EVENT_SUBSCRIBER, useExisting: PUB_SUB },
      {
        provide: JOB_QUEUE,
        inject: [AppConfig],
        useFactory: (config: AppConfig) => createJobQueue(config, options),
      },
    ];
    if (inbox !== false) {
      providers.push({ provide: INBOX_STORE, useFactory: () => new InMemoryInboxStore(inbox) });
    }
    return {
      module: TransportModule,
      global: true,
      providers: [...providers, BrokerHealthIndicator],
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
