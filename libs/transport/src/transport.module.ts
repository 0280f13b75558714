import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ExistingProvider,
  type FactoryProvider,
  Inject,
  Module,
} from '@nestjs/common';
import { APP_NAME, AppConfig } from '@app/platform';
import { Registry } from 'prom-client';
import { BrokerHealthIndicator } from './health/broker.health';
import { InstrumentedJobQueue } from './metrics/instrumented-job-queue';
import { InstrumentedPubSub } from './metrics/instrumented-pub-sub';
import { TransportMetrics } from './metrics/transport.metrics';
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
        inject: [AppConfig, APP_NAME, TransportMetrics],
        useFactory: (config: AppConfig, appName: string, metrics: TransportMetrics) =>
          // Poison the adapter dead-letters itself never passes the instrumented publisher.
          createPubSub(config, appName, options, (topic) =>
            metrics.deadLettered.labels(topic).inc(),
          ),
      },
      {
        provide: TransportMetrics,
        // The app's registry (PlatformModule's `/metrics`); a module used without one still
        // counts, on a registry nobody scrapes.
        inject: [{ token: Registry, optional: true }],
        useFactory: (registry?: Registry) => new TransportMetrics(registry ?? new Registry()),
      },
      // What apps inject is instrumented; PUB_SUB stays the bare adapter underneath.
      {
        provide: EVENT_PUBLISHER,
        inject: [PUB_SUB, TransportMetrics],
        useFactory: (pubSub: PubSub, metrics: TransportMetrics) =>
          new InstrumentedPubSub(pubSub, metrics),
      },
      { provide: EVENT_SUBSCRIBER, useExisting: EVENT_PUBLISHER },
      {
        provide: JOB_QUEUE,
        inject: [AppConfig, TransportMetrics],
        useFactory: (config: AppConfig, metrics: TransportMetrics) =>
          new InstrumentedJobQueue(createJobQueue(config, options), metrics),
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
