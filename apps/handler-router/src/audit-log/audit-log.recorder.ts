import { Injectable } from '@nestjs/common';
import type { AuditEntry } from './audit-log.entity';
import { AuditUnitOfWork } from './audit-unit-of-work';

/**
 * What handlers write the audit log with (the seed's `AuditLog(...).save()`). The entry is
 * stored with the event's id, topic, type and time when the router commits the batch, in the
 * same transaction as the event's "processed" mark.
 */
@Injectable()
export class AuditLogRecorder {
  constructor(private readonly unitOfWork: AuditUnitOfWork) {}

  record(entry: AuditEntry): void {
    if (!this.unitOfWork.record(entry)) {
      throw new Error('AuditLogRecorder.record() must run inside an event handler (EventRouter)');
    }
  }
}
