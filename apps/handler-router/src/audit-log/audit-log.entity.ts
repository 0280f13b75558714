import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { AuditAction } from './audit-action';

/**
 * The seed's `AuditLog` (action, user, description, entity, new value) plus where the entry
 * came from: the event's id, topic, type and time.
 */
export const AuditLogSchema = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  properties: {
    id: p.uuid().primary(),
    action: p.string().$type<AuditAction>().length(16),
    userId: p.string().length(255),
    description: p.text(),
    entityName: p.string().length(255),
    newValue: p.json<unknown>(),
    eventId: p.string().length(255),
    topic: p.string().length(255),
    eventType: p.string().length(255),
    occurredAt: p.datetime(3),
    recordedAt: p.datetime(3),
  },
});

export type AuditLog = InferEntity<typeof AuditLogSchema>;

/** What a handler says about an event; the router's unit of work adds the rest. */
export type AuditEntry = Pick<
  AuditLog,
  'action' | 'userId' | 'description' | 'entityName' | 'newValue'
>;
