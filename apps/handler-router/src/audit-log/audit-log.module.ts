import { ROUTING_UNIT_OF_WORK } from '@app/transport/routing';
import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogQuery } from './audit-log.query';
import { AuditLogRecorder } from './audit-log.recorder';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditUnitOfWork } from './audit-unit-of-work';

/**
 * The audit log: written by handlers through the recorder (committed per batch by the router's
 * unit of work, which this module provides), read over REST and GraphQL.
 */
@Module({
  controllers: [AuditLogController],
  providers: [
    AuditUnitOfWork,
    AuditLogRecorder,
    AuditLogQuery,
    AuditLogResolver,
    { provide: ROUTING_UNIT_OF_WORK, useExisting: AuditUnitOfWork },
  ],
  exports: [AuditLogRecorder, ROUTING_UNIT_OF_WORK],
})
export class AuditLogModule {}
