import type { ProcessedEvent } from '@app/persistence';
import type { EntityKey, EntityMetadata, Platform } from '@mikro-orm/core';
import type { AuditLog } from './audit-log.entity';

/** The columns an audit row fills, in the order of each row's values. */
export const AUDIT_COLUMNS = [
  'id',
  'action',
  'userId',
  'description',
  'entityName',
  'newValue',
  'eventId',
  'topic',
  'eventType',
  'occurredAt',
  'recordedAt',
] as const satisfies readonly EntityKey<AuditLog>[];

const MARK_COLUMNS = [
  'consumer',
  'eventId',
  'processedAt',
] as const satisfies readonly EntityKey<ProcessedEvent>[];

/*
 * The router's statements per batch, built by hand: MikroORM's `find` and `insertMany` spent
 * more CPU per event than the rest of the router (entity checks, key and reference lookups
 * per row), and its `execute(sql, params)` inlines `?` parameters by scanning the statement,
 * which for 500 rows of 11 values cost as much again (measured with the handler-router
 * bench). Here every value is quoted as that inlining quotes it (the platform's own
 * `quoteValue`; each distinct date once) and the statement goes to `execute` complete,
 * without parameters, so the values count against no bind-parameter limit either.
 * audit-batch.statements.spec.ts compares the inserts with what MikroORM's query builder
 * writes, on SQLite and PostgreSQL. On PostgreSQL the router writes with
 * audit-batch.postgresql.ts instead; it reads with `selectProcessedIds` everywhere.
 */

/** `insert into audit_log (...) values (...), ...`: a batch's audit rows in one statement. */
export function insertAuditRows(
  platform: Platform,
  meta: EntityMetadata<AuditLog>,
  rows: readonly AuditLog[],
): string {
  const literals = new Literals(platform);
  const values = rows.map((row) => {
    const quoted = AUDIT_COLUMNS.map((column) =>
      // MikroORM stores the JSON column as its JSON text.
      literals.quote(column === 'newValue' ? JSON.stringify(row.newValue) : row[column]),
    );
    return `(${quoted.join(', ')})`;
  });
  return `${insertInto(platform, meta, AUDIT_COLUMNS)} values ${values.join(', ')}`;
}

/** `insert into processed_events (...) values ...`: the batch's processed-event marks. */
export function insertProcessedMarks(
  platform: Platform,
  meta: EntityMetadata<ProcessedEvent>,
  consumer: string,
  eventIds: readonly string[],
  processedAt: Date,
): string {
  const literals = new Literals(platform);
  const consumerLiteral = literals.quote(consumer);
  const processedAtLiteral = literals.quote(processedAt);
  const values = eventIds.map(
    (eventId) => `(${consumerLiteral}, ${literals.quote(eventId)}, ${processedAtLiteral})`,
  );
  return `${insertInto(platform, meta, MARK_COLUMNS)} values ${values.join(', ')}`;
}

/**
 * `select event_id as eventId from processed_events where consumer = ... and event_id in
 * (...)`: which of the batch's events the consumer has handled before.
 */
export function selectProcessedIds(
  platform: Platform,
  meta: EntityMetadata<ProcessedEvent>,
  consumer: string,
  eventIds: readonly string[],
): string {
  const literals = new Literals(platform);
  const eventId = columnOf(platform, meta, 'eventId');
  return (
    `select ${eventId} as ${platform.quoteIdentifier('eventId')} ` +
    `from ${platform.quoteIdentifier(meta.tableName)} ` +
    `where ${columnOf(platform, meta, 'consumer')} = ${literals.quote(consumer)} ` +
    `and ${eventId} in (${eventIds.map((id) => literals.quote(id)).join(', ')})`
  );
}

/** SQL literals as MikroORM's `formatQuery` writes them; each distinct date formatted once. */
class Literals {
  private readonly dates = new Map<number, string>();

  constructor(private readonly platform: Platform) {}

  quote(value: unknown): string {
    if (typeof value === 'string') return quoteString(this.platform, value);
    if (!(value instanceof Date)) return String(this.platform.quoteValue(value));
    let literal = this.dates.get(value.getTime());
    if (literal === undefined) {
      literal = String(this.platform.quoteValue(value));
      this.dates.set(value.getTime(), literal);
    }
    return literal;
  }
}

/**
 * A string literal as the platform's `quoteValue` writes it. A string with no quote and no
 * backslash is written as it is on both platforms; that case skips PostgreSQL's loop over
 * every character (`escapeLiteral`), which for a batch's JSON document is most of the work.
 */
export function quoteString(platform: Platform, text: string): string {
  if (text.includes("'") || text.includes('\\')) return String(platform.quoteValue(text));
  return `'${text}'`;
}

function insertInto<T extends object>(
  platform: Platform,
  meta: EntityMetadata<T>,
  columns: readonly EntityKey<T>[],
): string {
  const names = columns.map((name) => columnOf(platform, meta, name));
  return `insert into ${platform.quoteIdentifier(meta.tableName)} (${names.join(', ')})`;
}

function columnOf<T extends object>(
  platform: Platform,
  meta: EntityMetadata<T>,
  property: EntityKey<T>,
): string {
  return platform.quoteIdentifier(meta.properties[property].fieldNames[0]);
}
