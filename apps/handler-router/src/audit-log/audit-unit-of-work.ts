import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@app/envelope';
import type { RoutingBatch, RoutingUnitOfWork } from '@app/transport/routing';
import { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { findProcessedIds, writeAuditBatch } from './audit-batch';
import type { AuditEntry, AuditLog } from './audit-log.entity';

/** The event a handler is running for, and what it has recorded so far. */
interface EventScope {
  readonly event: EventEnvelope;
  readonly topic: string;
  readonly recorded: AuditLog[];
}

/**
 * The router's unit of work on the SQL store: a batch's audit rows and its processed-event
 * marks are written together in ONE transaction when the batch commits. So each handled event
 * has exactly one set of audit rows, also after a crash or a redelivery (its mark either
 * exists with the rows or not at all), and 500 events cost two round trips (which were
 * handled before, then the writes), not 1,500. See audit-batch.ts for how they are written.
 */
@Injectable()
export class AuditUnitOfWork implements RoutingUnitOfWork {
  private readonly scope = new AsyncLocalStorage<EventScope>();

  constructor(private readonly em: EntityManager) {}

  async begin(
    consumer: string,
    topic: string,
    events: readonly EventEnvelope[],
  ): Promise<RoutingBatch> {
    // Both our drivers (SQLite, PostgreSQL) are SQL drivers: their managers run SQL.
    const em = this.em.fork() as SqlEntityManager;
    const processed = await findProcessedIds(
      em,
      consumer,
      events.map((event) => event.id),
    );
    const rows: AuditLog[] = [];
    const eventIds: string[] = [];
    return {
      isProcessed: (id) => processed.has(id),
      run: async (event, work) => {
        const current: EventScope = { event, topic, recorded: [] };
        await this.scope.run(current, work);
        rows.push(...current.recorded);
        eventIds.push(event.id);
        processed.add(event.id);
      },
      commit: () => writeAuditBatch(em, { rows, consumer, eventIds, processedAt: new Date() }),
    };
  }

  /**
   * Records an entry for the event being routed: written when its batch commits, dropped if
   * its handler fails. Returns false outside the router (no event being handled).
   */
  record(entry: AuditEntry): boolean {
    const current = this.scope.getStore();
    if (!current) return false;
    current.recorded.push(toRow(entry, current.event, current.topic));
    return true;
  }
}

export function toRow(entry: AuditEntry, event: EventEnvelope, topic: string): AuditLog {
  return {
    ...entry,
    id: randomUUID(),
    eventId: event.id,
    topic,
    eventType: event.type,
    occurredAt: new Date(event.time),
    recordedAt: new Date(),
  };
}
