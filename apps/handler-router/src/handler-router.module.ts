import { PersistenceModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { GraphqlApiModule } from '@app/platform/graphql/graphql-api.module';
import { TransportModule } from '@app/transport';
import { assertRoleCanRunAlone } from '@app/transport/roles';
import { EventRouterModule } from '@app/transport/routing';
import { type DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { M202Admin } from './admin/migrations/m202-admin.migration';
import { OutboxEventSchema } from './admin/outbox/outbox-event.entity';
import { ClaimSchema } from './admin/roles/claim.entity';
import { RoleSchema } from './admin/roles/role.entity';
import { UserSchema } from './admin/users/user.entity';
import { AuditLogSchema } from './audit-log/audit-log.entity';
import { AuditLogModule } from './audit-log/audit-log.module';
import { M201AuditLog } from './audit-log/migrations/m201-audit-log.migration';
import { HandlerRouterConfig, type HandlerRouterRole } from './handler-router.config';
import { HandlersModule } from './handlers/handlers.module';
import { PublishModule } from './publish/publish.module';

/**
 * Routes events by (topic, event name) to registered handlers that write an audit log, and
 * produces them: the admin API and `POST /events/:topic` (seed 001).
 */
@Module({})
export class HandlerRouterModule {
  /** The module for one process: `ROLE` says whether it serves the API, routes, or both. */
  static forConfig(config: HandlerRouterConfig): DynamicModule {
    assertRoleCanRunAlone('handler-router', config.ROLE, config);
    return HandlerRouterModule.forRole(config.ROLE, config);
  }

  static forRole(
    role: HandlerRouterRole,
    settings: Pick<HandlerRouterConfig, 'ROUTER_CONCURRENCY' | 'ROUTER_BATCH_SIZE'> = {
      ROUTER_CONCURRENCY: 3,
      ROUTER_BATCH_SIZE: 500,
    },
  ): DynamicModule {
    return {
      module: HandlerRouterModule,
      imports: [
        PlatformModule.forApp({ name: 'handler-router', config: HandlerRouterConfig }),
        PersistenceModule.forRoot({
          entities: [AuditLogSchema, UserSchema, RoleSchema, ClaimSchema, OutboxEventSchema],
          migrations: [M201AuditLog, M202Admin],
        }),
        TransportModule.forRoot({ inbox: false }),
        GraphqlApiModule.forRoot(),
        AuditLogModule,
        HandlersModule,
        // The producing side; a router-only process has nothing to produce.
        ...(role === 'router' ? [] : [PublishModule, AdminModule]),
        EventRouterModule.forRoot({
          group: 'handler-router',
          consume: role !== 'api',
          concurrency: settings.ROUTER_CONCURRENCY,
          maxBatchSize: settings.ROUTER_BATCH_SIZE,
        }),
      ],
    };
  }
}
