import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { EventStatus } from './event-status';
import { type SeverityEvent, SeverityEventSchema } from './event.entity';

export interface EventFilter {
  readonly status?: EventStatus;
  readonly source?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** The severity events table, through MikroORM; each call is its own unit of work. */
@Injectable()
export class EventsRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(event: SeverityEvent): Promise<void> {
    await this.em.fork().insert(SeverityEventSchema, event);
  }

  findOne(id: string): Promise<SeverityEvent | null> {
    return this.em.fork().findOne(SeverityEventSchema, { id });
  }

  /** Newest first. */
  async list(
    filter: EventFilter,
    limit: number,
    offset: number,
  ): Promise<{ items: SeverityEvent[]; total: number }> {
    const [items, total] = await this.em.fork().findAndCount(SeverityEventSchema, where(filter), {
      orderBy: { createdAt: 'DESC', id: 'DESC' },
      limit,
      offset,
    });
    return { items, total };
  }

  async markDispatched(id: string, at: Date): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(SeverityEventSchema, { id, dispatchedAt: null }, { dispatchedAt: at });
  }

  /**
   * Records that `worker` processed the event, unless one already did: true when this call
   * recorded it. The condition makes a redelivered job a no-op.
   */
  async markProcessed(id: string, worker: string, attempts: number, at: Date): Promise<boolean> {
    const updated = await this.em
      .fork()
      .nativeUpdate(
        SeverityEventSchema,
        { id, processedAt: null },
        { processedAt: at, processedBy: worker, attempts },
      );
    return updated > 0;
  }

  /**
   * An event the dispatcher processes itself (`info`): dispatched and processed in one
   * update, unless already processed. True when this call recorded it.
   */
  async markProcessedByDispatcher(
    id: string,
    worker: string,
    attempts: number,
    at: Date,
  ): Promise<boolean> {
    const updated = await this.em
      .fork()
      .nativeUpdate(
        SeverityEventSchema,
        { id, processedAt: null },
        { dispatchedAt: at, processedAt: at, processedBy: worker, attempts },
      );
    return updated > 0;
  }

  /** Events stored but not routed yet, created before `olderThan`: the sweeper re-enqueues them. */
  findUndispatched(olderThan: Date, limit: number): Promise<SeverityEvent[]> {
    return this.em
      .fork()
      .find(
        SeverityEventSchema,
        { dispatchedAt: null, createdAt: { $lt: olderThan } },
        { orderBy: { createdAt: 'ASC' }, limit },
      );
  }
}

function where(filter: EventFilter): FilterQuery<SeverityEvent> {
  const conditions: FilterQuery<SeverityEvent>[] = [];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.source) conditions.push({ source: filter.source });
  if (filter.from) conditions.push({ createdAt: { $gte: filter.from } });
  if (filter.to) conditions.push({ createdAt: { $lt: filter.to } });
  return conditions.length > 0 ? { $and: conditions } : {};
}
