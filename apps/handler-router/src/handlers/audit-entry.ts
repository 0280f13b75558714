import type { AuditAction } from '../audit-log/audit-action';
import type { AuditEntry } from '../audit-log/audit-log.entity';

/** The seed's audit entry: the user who acted, and the event value exactly as it came. */
export function auditEntry(
  action: AuditAction,
  entityName: string,
  description: string,
  userId: string | number,
  value: unknown,
): AuditEntry {
  return { action, entityName, description, userId: String(userId), newValue: value };
}
