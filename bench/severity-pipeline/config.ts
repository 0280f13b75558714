import {
  EVENT_STATUSES,
  type EventStatus,
} from '../../apps/severity-pipeline/src/events/event-status';
import { nonNegativeInteger, positiveInteger } from '../common/env';

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Events created through the API in the measured round. */
  readonly events: number;
  /** Requests in flight at once (each client sends its next one when answered). */
  readonly clients: number;
  /** Events in an unmeasured round first (V8 warm-up, connection pools); 0 skips it. */
  readonly warmupEvents: number;
  /** Requests per second at most over all clients; 0: as fast as the API answers. */
  readonly rate: number;
  /** Worker processes (`ROLE=worker`, every queue). */
  readonly workers: number;
  /** Share of each status in the load, in percent (they add up to 100). */
  readonly mix: Readonly<Record<EventStatus, number>>;
  /** Longest the load, or the wait for the last event processed, may take. */
  readonly timeoutMs: number;
  readonly redisUrl: string;
  readonly databaseUrl: string;
  /** Where the first worker writes its CPU profile (`node --cpu-prof`); none if unset. */
  readonly profileDir: string | undefined;
  /** Leave the run's rows in PostgreSQL instead of deleting them at the end. */
  readonly keepRows: boolean;
}

/** Most events are routine: 70% info, 20% warning, 10% error (`BENCH_MIX` changes it). */
const DEFAULT_MIX = 'info=70,warning=20,error=10';

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  return {
    events: positiveInteger(env, 'BENCH_EVENTS', 20_000),
    clients: positiveInteger(env, 'BENCH_CLIENTS', 64),
    warmupEvents: nonNegativeInteger(env, 'BENCH_WARMUP_EVENTS', 2000),
    rate: nonNegativeInteger(env, 'BENCH_RATE', 0),
    workers: positiveInteger(env, 'BENCH_WORKERS', 2),
    mix: parseMix(env.BENCH_MIX || DEFAULT_MIX),
    timeoutMs: positiveInteger(env, 'BENCH_TIMEOUT_MS', 300_000),
    // Its own Redis database: no other process's workers take the run's jobs, nor it theirs.
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9',
    databaseUrl: env.DATABASE_URL ?? 'postgres://events:events@127.0.0.1:5432/events',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    keepRows: env.BENCH_KEEP_ROWS === '1',
  };
}

/** `info=70,warning=20,error=10`: every status named once, the shares adding up to 100. */
export function parseMix(text: string): Record<EventStatus, number> {
  const mix: Record<EventStatus, number> = { info: 0, warning: 0, error: 0 };
  for (const part of text.split(',')) {
    const [name, share] = part.split('=').map((piece) => piece.trim());
    const status = EVENT_STATUSES.find((known) => known === name);
    const value = Number(share);
    if (!status || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`BENCH_MIX: expected status=percent, got "${part}"`);
    }
    mix[status] = value;
  }
  const total = EVENT_STATUSES.reduce((sum, status) => sum + mix[status], 0);
  if (total !== 100) throw new RangeError(`BENCH_MIX must add up to 100, got ${total}`);
  return mix;
}
