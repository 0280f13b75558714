import { Client } from 'pg';
import type { EventStatus } from '../../apps/severity-pipeline/src/events/event-status';

/** Created-to-processed latencies of one source's events, from their stored timestamps. */
export interface LatencyRow {
  /** A status, or `all`. */
  readonly status: EventStatus | 'all';
  readonly events: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** First `createdAt` to last `processedAt`: the span the processed rate is counted over. */
  readonly spanMs: number;
  /** Last `createdAt` to last `processedAt`: how long the pipeline ran behind the load. */
  readonly drainMs: number;
}

interface LatencyRecord {
  status: EventStatus | null;
  events: number;
  p50: number;
  p99: number;
  max: number;
  span: number;
  drain: number;
}

const MS = (expression: string) => `extract(epoch from ${expression}) * 1000`;

/**
 * The `severity_events` rows of the run, read straight from PostgreSQL (the app's own
 * `createdAt`, set by the API, and `processedAt`, set by whichever process processed it).
 */
export class EventRows {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<EventRows> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new EventRows(client);
  }

  /** How many of the source's events are stored, and how many processed. */
  async progress(source: string): Promise<{ stored: number; processed: number }> {
    const { rows } = await this.client.query<{ stored: number; processed: number }>(
      `select count(*)::int as stored, count(processed_at)::int as processed
         from severity_events where source = $1`,
      [source],
    );
    return rows[0];
  }

  /** Latency percentiles (nearest rank) per status and over all, once every event is processed. */
  async latencies(source: string): Promise<LatencyRow[]> {
    const { rows } = await this.client.query<LatencyRecord>(
      `select status, count(*)::int as events,
              percentile_disc(0.5) within group (order by latency)::float8 as p50,
              percentile_disc(0.99) within group (order by latency)::float8 as p99,
              max(latency)::float8 as max,
              (${MS('max(processed_at) - min(created_at)')})::float8 as span,
              (${MS('max(processed_at) - max(created_at)')})::float8 as drain
         from (select status, created_at, processed_at,
                      ${MS('processed_at - created_at')} as latency
                 from severity_events where source = $1) as run
        group by rollup (status)
        order by status nulls last`,
      [source],
    );
    return rows.map((row) => ({
      status: row.status ?? 'all',
      events: row.events,
      p50Ms: row.p50,
      p99Ms: row.p99,
      maxMs: row.max,
      spanMs: row.span,
      drainMs: row.drain,
    }));
  }

  /** Deletes the run's events (sources starting with `prefix`) and the alerts mailed to `to`. */
  async deleteRun(prefix: string, alertTo: string): Promise<number> {
    await this.client.query(`delete from sent_mail where "to" = $1`, [alertTo]);
    const { rowCount } = await this.client.query(
      `delete from severity_events where source like $1`,
      [`${prefix}%`],
    );
    return rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
