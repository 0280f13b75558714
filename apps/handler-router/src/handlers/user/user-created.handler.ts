import { OnEvent } from '@app/transport/routing';
import { Injectable } from '@nestjs/common';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { EntityAuditHandler } from '../entity-audit.handler';

@Injectable()
@OnEvent(Topics.USER_EVENTS, Events.USER_CREATED)
export class UserCreatedHandler extends EntityAuditHandler {
  protected readonly event = Events.USER_CREATED;
  protected readonly action = 'CREATE';
  protected readonly entityName = 'Users';

  protected describe(id: string | number): string {
    return `User created with ID: ${id}`;
  }
}
