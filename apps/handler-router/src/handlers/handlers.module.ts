import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { ClaimAddedHandler } from './role/claim-added.handler';
import { ClaimRemovedHandler } from './role/claim-removed.handler';
import { RoleCreatedHandler } from './role/role-created.handler';
import { RoleDeletedHandler } from './role/role-deleted.handler';
import { RoleUpdatedHandler } from './role/role-updated.handler';
import { UserCreatedHandler } from './user/user-created.handler';
import { UserDeletedHandler } from './user/user-deleted.handler';
import { UserUpdatedHandler } from './user/user-updated.handler';

/**
 * The seed's application_layer/handlers. Each is registered for its (topic, event) by its own
 * `@OnEvent`; the router finds them here at start-up.
 */
@Module({
  imports: [AuditLogModule],
  providers: [
    UserCreatedHandler,
    UserUpdatedHandler,
    UserDeletedHandler,
    RoleCreatedHandler,
    RoleUpdatedHandler,
    RoleDeletedHandler,
    ClaimAddedHandler,
    ClaimRemovedHandler,
  ],
})
export class HandlersModule {}
