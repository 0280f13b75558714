import type { AuditLog } from './audit-log.entity';

export const FIXTURE_TIME = new Date('2025-03-02T12:05:00.123Z');

/**
 * Audit rows whose values test the quoting of hand-built statements: quotes, backslashes,
 * double quotes inside JSON, non-ASCII text, a line break, SQL in a string, a numeric user.
 */
export function auditRowsFixture(
  ids: readonly [string, string],
  eventIds: readonly [string, string],
): AuditLog[] {
  return [
    {
      id: ids[0],
      action: 'OTHER',
      userId: "Bob's 'quoted' \\ id",
      description: 'Claim added with ID: 31 to Role ID: 4',
      entityName: 'Roles',
      newValue: { userId: "Bob's", data: { id: 31, roleId: 4, note: 'Zażółć \\ "x"' } },
      eventId: eventIds[0],
      topic: 'role_events',
      eventType: 'CLAIM_ADDED',
      occurredAt: FIXTURE_TIME,
      recordedAt: new Date('2025-03-02T12:05:01Z'),
    },
    {
      id: ids[1],
      action: 'CREATE',
      userId: '7',
      description: 'line\nbreak; drop table audit_log; --',
      entityName: 'Users',
      newValue: { userId: 7, data: { id: 3 } },
      eventId: eventIds[1],
      topic: 'user_events',
      eventType: 'USER_CREATED',
      occurredAt: FIXTURE_TIME,
      recordedAt: FIXTURE_TIME,
    },
  ];
}
