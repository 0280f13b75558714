import { Module } from '@nestjs/common';
import { PublishModule } from '../publish/publish.module';
import { AdminUnitOfWork } from './admin-unit-of-work';
import { AdminStore } from './admin.store';
import { OutboxRelay } from './outbox/outbox.relay';
import { RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * The seed's admin microservice: users, roles and claims, each change committed with its
 * event in an outbox that the relay publishes (the producing side of the router's topics).
 */
@Module({
  imports: [PublishModule],
  controllers: [UsersController, RolesController],
  providers: [AdminStore, AdminUnitOfWork, OutboxRelay, UsersService, RolesService],
})
export class AdminModule {}
