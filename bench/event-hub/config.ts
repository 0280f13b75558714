import { nonNegativeInteger, positiveInteger } from '../common/env';

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Length of each measured load, per mode and per target (hub, baseline). */
  readonly seconds: number;
  /** Length of the unmeasured load of each mode first (V8 warm-up, pools); 0 skips it. */
  readonly warmupSeconds: number;
  /** `POST /events` requests in flight at once. */
  readonly clients: number;
  /** `POST /events/batch` requests in flight at once. */
  readonly batchClients: number;
  /** `SendEvents` client streams open at once. */
  readonly grpcStreams: number;
  /** Events in one batch request and in one `SendEvents` stream. */
  readonly batchSize: number;
  /** Which modes run: `single`, `batch`, `grpc` (all three by default). */
  readonly modes: readonly BenchMode[];
  /** Longest wait, after a load, for both consumer groups to catch up. */
  readonly drainTimeoutMs: number;
  /** Where the API's CPU profile of an extra REST single load goes; none if unset. */
  readonly profileDir: string | undefined;
  /** Length of that profiled load. */
  readonly profileSeconds: number;
  readonly redisUrl: string;
  /** The MongoDB server; the run's database on it is `event_hub_bench_<run>`, dropped after. */
  readonly mongoRoot: string;
  /** EVENTS_STREAM_MAX_LEN for the hub and the baseline (the app's default when unset). */
  readonly streamMaxLen: number | undefined;
}

export const BENCH_MODES = ['single', 'batch', 'grpc'] as const;
export type BenchMode = (typeof BENCH_MODES)[number];

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const maxLen = nonNegativeInteger(env, 'BENCH_STREAM_MAX_LEN', 0);
  const seconds = positiveInteger(env, 'BENCH_SECONDS', 5);
  return {
    seconds,
    warmupSeconds: nonNegativeInteger(env, 'BENCH_WARMUP_SECONDS', 1),
    clients: positiveInteger(env, 'BENCH_CLIENTS', 64),
    batchClients: positiveInteger(env, 'BENCH_BATCH_CLIENTS', 8),
    grpcStreams: positiveInteger(env, 'BENCH_GRPC_STREAMS', 8),
    batchSize: positiveInteger(env, 'BENCH_BATCH_SIZE', 1000),
    modes: parseModes(env.BENCH_ONLY),
    // A store slower than the ingest needs several times the load's length to catch up.
    drainTimeoutMs: positiveInteger(
      env,
      'BENCH_DRAIN_TIMEOUT_MS',
      Math.max(120_000, 10 * seconds * 1000),
    ),
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    profileSeconds: positiveInteger(env, 'BENCH_PROFILE_SECONDS', 5),
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    mongoRoot: (env.BENCH_MONGO_URL ?? 'mongodb://127.0.0.1:27017').replace(/\/+$/, ''),
    streamMaxLen: maxLen === 0 ? undefined : maxLen,
  };
}

/** `single,grpc`: modes named once each, in the order they run (single, batch, grpc). */
export function parseModes(text: string | undefined): BenchMode[] {
  if (text === undefined || text.trim() === '') return [...BENCH_MODES];
  const named = text.split(',').map((part) => part.trim());
  for (const name of named) {
    if (!BENCH_MODES.some((mode) => mode === name)) {
      throw new RangeError(`BENCH_ONLY: "${name}" is none of ${BENCH_MODES.join(', ')}`);
    }
  }
  return BENCH_MODES.filter((mode) => named.includes(mode));
}
