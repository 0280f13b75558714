import { OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { EntityAuditHandler } from '../entity-audit.handler';

@Injectable()
@OnEvent(Topics.USER_EVENTS, Events.USER_UPDATED)
export class UserUpdatedHandler extends EntityAuditHandler {
  protected readonly event = Events.USER_UPDATED;
  protected readonly action = 'UPDATE';
  protected readonly entityName = 'Users';

  protected describe(id: string | number): string {
    return `User updated with ID: ${id}`;
  }
}
