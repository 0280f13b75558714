import { InputValidationError } from '@app/platform';
import { Cursor, EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { AuditAction } from './audit-action';
import { type AuditLog, AuditLogSchema } from './audit-log.entity';

export interface AuditLogFilter {
  readonly entityName?: string;
  readonly userId?: string;
  readonly action?: AuditAction;
  readonly eventType?: string;
  readonly eventId?: string;
  /** Entries whose event happened at or after this time. */
  readonly from?: Date;
  /** Entries whose event happened before this time. */
  readonly to?: Date;
}

export interface AuditLogPageRequest {
  readonly first: number;
  readonly after?: string;
}

export interface AuditLogPage {
  readonly items: AuditLog[];
  readonly cursors: string[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Reads the audit log, newest event first, for REST and GraphQL alike. */
@Injectable()
export class AuditLogQuery {
  constructor(private readonly em: EntityManager) {}

  async page(filter: AuditLogFilter, request: AuditLogPageRequest): Promise<AuditLogPage> {
    if (request.after !== undefined && !isCursor(request.after)) {
      throw InputValidationError.of('after', 'must be a cursor from a previous page');
    }
    const cursor = await this.em.fork().findByCursor(AuditLogSchema, {
      where: where(filter),
      first: request.first,
      after: request.after,
      orderBy: { occurredAt: 'DESC', id: 'DESC' },
    });
    return {
      items: cursor.items,
      cursors: cursor.items.map((item) => cursor.from(item)),
      totalCount: cursor.totalCount,
      hasNextPage: cursor.hasNextPage,
      endCursor: cursor.endCursor,
    };
  }
}

function isCursor(value: string): boolean {
  try {
    return Array.isArray(Cursor.decode(value));
  } catch {
    return false;
  }
}

function where(filter: AuditLogFilter): FilterQuery<AuditLog> {
  const { from, to, ...exact } = filter;
  const conditions: FilterQuery<AuditLog>[] = Object.entries(exact)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ [field]: value }) as FilterQuery<AuditLog>);
  if (from) conditions.push({ occurredAt: { $gte: from } });
  if (to) conditions.push({ occurredAt: { $lt: to } });
  return conditions.length > 0 ? { $and: conditions } : {};
}
