import { HandlerRouterConfig } from '../../apps/handler-router/src/handler-router.config';
import { positiveInteger } from '../common/env';

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Events pre-loaded (Kafka) or published (embedded), then routed and audited: M. */
  readonly events: number;
  /** Longest one phase (pre-load, routing until the last row) may take. */
  readonly timeoutMs: number;
  readonly setups: readonly SetupName[];
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  /** The router's settings, as the app reads them (defaults: the app's own). */
  readonly batchSize: number;
  readonly concurrency: number;
  /** Leave the run's audit rows and processed marks in PostgreSQL instead of deleting them. */
  readonly keepRows: boolean;
  /** Where to write a CPU profile of each routing phase (boot to last row); none if unset. */
  readonly profileDir: string | undefined;
}

/** `kafka`: Kafka + PostgreSQL; `embedded`: the in-memory bus + a SQLite file. */
export const SETUP_NAMES = ['kafka', 'embedded'] as const;
export type SetupName = (typeof SETUP_NAMES)[number];

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const defaults = new HandlerRouterConfig();
  return {
    events: positiveInteger(env, 'BENCH_EVENTS', 100_000),
    timeoutMs: positiveInteger(env, 'BENCH_TIMEOUT_MS', 300_000),
    setups: setups(env.BENCH_ONLY),
    kafkaBrokers: env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    databaseUrl: env.DATABASE_URL ?? 'postgres://events:events@127.0.0.1:5432/events',
    batchSize: positiveInteger(env, 'ROUTER_BATCH_SIZE', defaults.ROUTER_BATCH_SIZE),
    concurrency: positiveInteger(env, 'ROUTER_CONCURRENCY', defaults.ROUTER_CONCURRENCY),
    keepRows: env.BENCH_KEEP_ROWS === '1',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
  };
}

function setups(only: string | undefined): SetupName[] {
  if (only === undefined || only.trim() === '') return [...SETUP_NAMES];
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
