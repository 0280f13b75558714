import { type EventHandler, OnEvent } from '@app/transport/routing';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLogRecorder } from '../../audit-log/audit-log.recorder';
import { readClaimEventValue } from '../../events/event-value.reader';
import { Events } from '../../events/events.enum';
import { Topics } from '../../events/topics.enum';
import { auditEntry } from '../audit-entry';

@Injectable()
@OnEvent(Topics.ROLE_EVENTS, Events.CLAIM_REMOVED)
export class ClaimRemovedHandler implements EventHandler {
  private readonly logger = new Logger('EventHandler');

  constructor(private readonly auditLog: AuditLogRecorder) {}

  async execute(value: unknown): Promise<void> {
    const { userId, data } = await readClaimEventValue(value);
    const description = `Claim removed with ID: ${data.id} from Role ID: ${data.roleId}`;
    this.auditLog.record(auditEntry('OTHER', 'Roles', description, userId, value));
    this.logger.log(`Processed CLAIM_REMOVED for claim_id: ${data.id}`);
  }
}
