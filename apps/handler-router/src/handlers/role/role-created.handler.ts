import { OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { EntityAuditHandler } from '../entity-audit.handler';

@Injectable()
@OnEvent(Topics.ROLE_EVENTS, Events.ROLE_CREATED)
export class RoleCreatedHandler extends EntityAuditHandler {
  protected readonly event = Events.ROLE_CREATED;
  protected readonly action = 'CREATE';
  protected readonly entityName = 'Roles';

  protected describe(id: string | number): string {
    return `Role created with ID: ${id}`;
  }
}
