import { nonNegativeInteger, positiveInteger } from '../common/env';

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Mutations per measured round, of each kind (`createEventAsync`, `createEvent`). */
  readonly events: number;
  /** Mutations in flight at once (each client sends its next one when answered). */
  readonly clients: number;
  /** Mutations of each kind in the unmeasured round before the measured one; 0 skips it. */
  readonly warmupEvents: number;
  /** Events pre-filled on the `events` topic for the consumer-only round. */
  readonly prefillEvents: number;
  /** Longest one phase (a load, a wait for rows, a consumer run) may take. */
  readonly timeoutMs: number;
  /** Runs of a phase at most, while it fails or logs errors (e.g. a broker restarted). */
  readonly attempts: number;
  readonly setups: readonly SetupName[];
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  /** Leave the bench's rows in PostgreSQL instead of deleting them at the end. */
  readonly keepRows: boolean;
  /** Where to write a CPU profile of the consumer-alone phase (boot to last row); none if unset. */
  readonly profileDir: string | undefined;
}

/**
 * `embedded`: in-memory bus + SQLite file (end to end); `kafka`: Kafka + PostgreSQL (end to
 * end); `consumer`: Kafka + PostgreSQL, a consumer alone on a pre-filled topic.
 */
export const SETUP_NAMES = ['embedded', 'kafka', 'consumer'] as const;
export type SetupName = (typeof SETUP_NAMES)[number];
const DEFAULT_SETUPS: readonly SetupName[] = SETUP_NAMES;

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  return {
    events: positiveInteger(env, 'BENCH_EVENTS', 20_000),
    clients: positiveInteger(env, 'BENCH_CLIENTS', 32),
    warmupEvents: nonNegativeInteger(env, 'BENCH_WARMUP_EVENTS', 2000),
    prefillEvents: positiveInteger(env, 'BENCH_PREFILL_EVENTS', 100_000),
    timeoutMs: positiveInteger(env, 'BENCH_TIMEOUT_MS', 600_000),
    attempts: positiveInteger(env, 'BENCH_ATTEMPTS', 3),
    setups: setups(env.BENCH_ONLY),
    kafkaBrokers: env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    databaseUrl: env.DATABASE_URL ?? 'postgres://events:events@127.0.0.1:5432/events',
    keepRows: env.BENCH_KEEP_ROWS === '1',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
  };
}

function setups(only: string | undefined): SetupName[] {
  if (only === undefined || only.trim() === '') return [...DEFAULT_SETUPS];
  return only.split(',').map((name) => {
    const trimmed = name.trim();
    const known = SETUP_NAMES.find((setup) => setup === trimmed);
    if (!known) {
      throw new RangeError(
        `BENCH_ONLY: unknown setup "${trimmed}" (known: ${SETUP_NAMES.join(', ')})`,
      );
    }
    return known;
  });
}
