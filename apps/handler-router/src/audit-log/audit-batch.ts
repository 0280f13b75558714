import { ProcessedEventSchema } from '@app/persistence';
import { BasePostgreSqlPlatform, type SqlEntityManager } from '@mikro-orm/sql';
import { insertAuditBatchPostgres } from './audit-batch.postgresql';
import {
  insertAuditRows,
  insertProcessedMarks,
  selectProcessedIds,
} from './audit-batch.statements';
import { type AuditLog, AuditLogSchema } from './audit-log.entity';

/** What one routed batch leaves in the SQL store. */
export interface AuditBatch {
  readonly rows: readonly AuditLog[];
  /** The router's group: its processed-event marks are its own. */
  readonly consumer: string;
  /** Every event handled in the batch, whether its handler recorded rows or not. */
  readonly eventIds: readonly string[];
  readonly processedAt: Date;
}

/** The ids among `eventIds` that `consumer` has handled before. */
export async function findProcessedIds(
  em: SqlEntityManager,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const sql = selectProcessedIds(
    em.getPlatform(),
    em.getMetadata(ProcessedEventSchema),
    consumer,
    eventIds,
  );
  const rows = await em.execute<{ eventId: string }[]>(sql, [], 'all');
  return new Set(rows.map((row) => row.eventId));
}

/**
 * Stores a batch's audit rows and processed marks, all or nothing: on PostgreSQL in one
 * statement (one round trip, and the least work for the server, whose CPU limits the router
 * on a busy machine), elsewhere in one transaction of two statements.
 */
export async function writeAuditBatch(em: SqlEntityManager, batch: AuditBatch): Promise<void> {
  if (batch.eventIds.length === 0) return;
  const platform = em.getPlatform();
  const auditMeta = em.getMetadata(AuditLogSchema);
  const marksMeta = em.getMetadata(ProcessedEventSchema);
  if (platform instanceof BasePostgreSqlPlatform) {
    await em.execute(insertAuditBatchPostgres(platform, auditMeta, marksMeta, batch), [], 'run');
    return;
  }
  const statements = [
    ...(batch.rows.length > 0 ? [insertAuditRows(platform, auditMeta, batch.rows)] : []),
    insertProcessedMarks(platform, marksMeta, batch.consumer, batch.eventIds, batch.processedAt),
  ];
  await em.transactional(async (tx) => {
    for (const sql of statements) await tx.execute(sql, [], 'run');
  });
}
