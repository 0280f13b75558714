import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** One entry of `GET /audit-log`, as the tests read it. */
export interface AuditRow {
  action: string;
  userId: string;
  description: string;
  entityName: string;
  newValue: unknown;
  eventId: string;
  topic: string;
  eventType: string;
}

/** The audit entries matching `query` (any of `GET /audit-log`'s filters), newest first. */
export async function auditRows(
  app: INestApplication,
  query: Record<string, string | undefined>,
): Promise<AuditRow[]> {
  const { body } = await request(app.getHttpServer()).get('/audit-log').query(query).expect(200);
  return (body as { items: AuditRow[] }).items;
}
