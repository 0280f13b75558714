import type { EventHandler } from '@app/transport/routing';
import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction } from '../audit-log/audit-action';
import { AuditLogRecorder } from '../audit-log/audit-log.recorder';
import { readEntityEventValue } from '../events/event-value.reader';
import type { Events } from '../events/events.enum';
import { auditEntry } from './audit-entry';

/**
 * A handler whose whole job is one audit entry about one entity (a user or role created,
 * updated or deleted): a subclass says which event, action, entity and description.
 */
@Injectable()
export abstract class EntityAuditHandler implements EventHandler {
  protected abstract readonly event: Events;
  protected abstract readonly action: AuditAction;
  /** The seed's entity names: `Users`, `Roles`. */
  protected abstract readonly entityName: string;
  private readonly logger = new Logger('EventHandler');

  constructor(private readonly auditLog: AuditLogRecorder) {}

  protected abstract describe(id: string | number): string;

  async execute(value: unknown): Promise<void> {
    const { userId, data } = await readEntityEventValue(value);
    this.auditLog.record(
      auditEntry(this.action, this.entityName, this.describe(data.id), userId, value),
    );
    this.logger.log(`Processed ${this.event} for id: ${data.id}`);
  }
}
