import { OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { EntityAuditHandler } from '../entity-audit.handler';

@Injectable()
@OnEvent(Topics.ROLE_EVENTS, Events.ROLE_UPDATED)
export class RoleUpdatedHandler extends EntityAuditHandler {
  protected readonly event = Events.ROLE_UPDATED;
  protected readonly action = 'UPDATE';
  protected readonly entityName = 'Roles';

  protected describe(id: string | number): string {
    return `Role updated with ID: ${id}`;
  }
}
