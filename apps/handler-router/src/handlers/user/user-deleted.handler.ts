import { OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { EntityAuditHandler } from '../entity-audit.handler';

@Injectable()
@OnEvent(Topics.USER_EVENTS, Events.USER_DELETED)
export class UserDeletedHandler extends EntityAuditHandler {
  protected readonly event = Events.USER_DELETED;
  protected readonly action = 'DELETE';
  protected readonly entityName = 'Users';

  protected describe(id: string | number): string {
    return `User deleted with ID: ${id}`;
  }
}
