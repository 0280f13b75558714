import { PlatformModule } from '@app/platform';
import { GraphqlApiModule } from '@app/platform/graphql/graphql-api.module';
import { TransportModule } from '@app/transport';
import { assertRoleCanRunAlone } from '@app/transport/roles';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { EventHubConfig, type EventHubRole } from './event-hub.config';
import {
  type EventStoreBackend,
  eventStoreBackend,
  EventStoreModule,
} from './events/event-store.module';
import { EventHubGraphqlModule } from './graphql/event-hub-graphql.module';
import { GrpcModule } from './grpc/grpc.module';
import { EventMetricsModule } from './metrics/event-metrics.module';
import { MetricsStoreModule } from './metrics/metrics-store.module';
import { RestModule } from './rest/rest.module';
import { EventStorageModule } from './storage/event-storage.module';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** How one process is put together; `forConfig` reads it from the settings. */
export interface EventHubParts {
  readonly role?: EventHubRole;
  /** `mongodb` when MONGO_URL is set, else `sql`. */
  readonly backend: EventStoreBackend;
  /** EVENTS_STREAM_MAX_LEN: entries the Redis stream keeps. */
  readonly streamMaxLen?: number;
  /** EVENTS_CLAIM_IDLE_MS: when a dead member's entries are taken over. */
  readonly claimIdleMs?: number;
}

/**
 * Which modules serve each role. `all` (the default) runs every part in one process; the
 * seed runs `app`, `grpc-server` and `metrics-consumer` apart, and so can we.
 */
const PARTS: Readonly<Record<Exclude<EventHubRole, 'all'>, () => Imports>> = {
  app: () => [RestModule, GraphqlApiModule.forRoot(), EventHubGraphqlModule],
  'grpc-server': () => [GrpcModule],
  'storage-consumer': () => [EventStorageModule],
  'metrics-consumer': () => [EventMetricsModule],
};

/** Business-event ingest over REST, gRPC and GraphQL with per-minute metrics (seed 003). */
@Module({})
export class EventHubModule {
  /** The module for one process: `ROLE` picks the parts, `MONGO_URL` the stores. */
  static forConfig(config: EventHubConfig): DynamicModule {
    assertRoleCanRunAlone('event-hub', config.ROLE, config);
    return EventHubModule.forParts({
      role: config.ROLE,
      backend: eventStoreBackend(config),
      streamMaxLen: config.EVENTS_STREAM_MAX_LEN,
      claimIdleMs: config.EVENTS_CLAIM_IDLE_MS,
    });
  }

  /** Every part in one process, on the given stores (tests). */
  static forStore(backend: EventStoreBackend): DynamicModule {
    return EventHubModule.forParts({ backend });
  }

  static forParts(parts: EventHubParts): DynamicModule {
    const { role = 'all', backend, streamMaxLen, claimIdleMs } = parts;
    const served = role === 'all' ? Object.values(PARTS).flatMap((part) => part()) : PARTS[role]();
    return {
      module: EventHubModule,
      imports: [
        PlatformModule.forApp({ name: 'event-hub', config: EventHubConfig }),
        // The stores' modules bring their database, and with it the durable inbox.
        EventStoreModule.forBackend(backend),
        MetricsStoreModule.forBackend(backend),
        // In memory by default; on Redis the seed's stream is `events` itself, unprefixed.
        TransportModule.forRoot({
          inbox: false,
          redisStreams: { keyPrefix: '', maxLen: streamMaxLen, minIdleTimeMs: claimIdleMs },
        }),
        ...served,
      ],
    };
  }
}

/** Whether a process of this role serves the gRPC API (main.ts starts its server then). */
export function servesGrpc(role: EventHubRole): boolean {
  return role === 'all' || role === 'grpc-server';
}
