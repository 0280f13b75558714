import { InputValidationError } from '@app/platform';
import { EntityManager, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { EVENT_STATUSES, type EventStatus } from '../events/event-status';
import { type SeverityEvent, SeverityEventSchema } from '../events/event.entity';

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

export type SeriesInterval = 'MINUTE' | 'HOUR';

export interface Count<K extends string> {
  readonly key: K;
  readonly count: number;
}

export interface SeriesPoint {
  readonly bucket: Date;
  readonly info: number;
  readonly warning: number;
  readonly error: number;
  readonly total: number;
}

export interface LatencySummary {
  /** Events processed in the window (by creation time). */
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

const INTERVAL_MS: Record<SeriesInterval, number> = { MINUTE: 60_000, HOUR: 3_600_000 };
/** A series longer than this is almost certainly a mistake (a week in minutes is 10,080). */
const MAX_BUCKETS = 10_080;
/** Latencies are summarised from at most this many events of the window (the newest). */
const LATENCY_SAMPLE = 100_000;

/** The seed's analytical queries (its Graphene schema's part), over the events table. */
@Injectable()
export class AnalyticsService {
  constructor(private readonly em: EntityManager) {}

  /** Events created in the window, by status and by source (counted by the database). */
  async counts(
    window: TimeWindow,
  ): Promise<{ byStatus: Count<EventStatus>[]; bySource: Count<string>[] }> {
    const [byStatus, bySource] = await Promise.all([
      this.countBy('status', window),
      this.countBy('source', window),
    ]);
    const statusCounts = new Map(byStatus.map((row) => [row.key, row.count]));
    return {
      byStatus: EVENT_STATUSES.map((key) => ({ key, count: statusCounts.get(key) ?? 0 })),
      bySource: bySource.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    };
  }

  /** Events per minute or hour of the window, every bucket present (zeros included). */
  async series(window: TimeWindow, interval: SeriesInterval): Promise<SeriesPoint[]> {
    const step = INTERVAL_MS[interval];
    const start = Math.floor(window.from.getTime() / step) * step;
    const buckets = Math.ceil((window.to.getTime() - start) / step);
    if (buckets > MAX_BUCKETS) {
      throw InputValidationError.of(
        'interval',
        `the window holds ${buckets} buckets; at most ${MAX_BUCKETS}, use HOUR or a shorter window`,
      );
    }
    const points = Array.from({ length: Math.max(buckets, 0) }, (_, i) => ({
      bucket: new Date(start + i * step),
      info: 0,
      warning: 0,
      error: 0,
      total: 0,
    }));
    const rows = await this.em.fork().find(SeverityEventSchema, inWindow(window), {
      fields: ['createdAt', 'status'],
    });
    for (const row of rows) {
      const point = points[Math.floor((row.createdAt.getTime() - start) / step)];
      if (!point) continue;
      point[row.status]++;
      point.total++;
    }
    return points;
  }

  latestErrors(limit: number): Promise<SeverityEvent[]> {
    return this.em
      .fork()
      .find(SeverityEventSchema, { status: 'error' }, { orderBy: { createdAt: 'DESC' }, limit });
  }

  /** Created → processed, for the events of the window that a worker has processed. */
  async latency(window: TimeWindow): Promise<LatencySummary> {
    const rows = await this.em.fork().find(
      SeverityEventSchema,
      { ...inWindow(window), processedAt: { $ne: null } },
      {
        fields: ['createdAt', 'processedAt'],
        orderBy: { createdAt: 'DESC' },
        limit: LATENCY_SAMPLE,
      },
    );
    const latencies = rows
      .map((row) => row.processedAt!.getTime() - row.createdAt.getTime())
      .sort((a, b) => a - b);
    return {
      count: latencies.length,
      p50Ms: percentile(latencies, 0.5),
      p90Ms: percentile(latencies, 0.9),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies.at(-1) ?? null,
    };
  }

  private async countBy(field: 'status' | 'source', window: TimeWindow): Promise<Count<string>[]> {
    const em = this.em.fork() as SqlEntityManager;
    const rows: Record<string, string | number>[] = await em
      .createQueryBuilder(SeverityEventSchema)
      .select([field, raw('count(*) as count')])
      .where(inWindow(window))
      .groupBy(field)
      .execute('all', false);
    // PostgreSQL answers count(*) as a bigint string.
    return rows.map((row) => ({ key: String(row[field]), count: Number(row.count) }));
  }
}

function inWindow({ from, to }: TimeWindow) {
  return { createdAt: { $gte: from, $lt: to } };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
