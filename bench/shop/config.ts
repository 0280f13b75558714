import { positiveInteger } from '../common/env';

/**
 * `embedded`: in-memory bus keeping its log + SQLite file; `kafka`: Kafka + the MongoDB wire
 * server (MongoDB in production).
 */
export const DEPLOYMENTS = ['embedded', 'kafka'] as const;
export type DeploymentName = (typeof DEPLOYMENTS)[number];
const DEFAULT_DEPLOYMENTS: readonly DeploymentName[] = DEPLOYMENTS;

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Events loaded onto `shop_events`, N. */
  readonly events: number;
  /** Events per `publish` call while loading. */
  readonly batchSize: number;
  /** Longest one phase (load, projection, replay, a store read) may take. */
  readonly timeoutMs: number;
  readonly deployments: readonly DeploymentName[];
  readonly kafkaBrokers: string;
  /** The MongoDB server; the run's database is created under it and dropped afterwards. */
  readonly mongoRoot: string;
  /** Where to write a CPU profile of each replay (bench/common/profile.ts); none if unset. */
  readonly profileDir: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  return {
    events: positiveInteger(env, 'BENCH_EVENTS', 100_000),
    batchSize: positiveInteger(env, 'BENCH_BATCH_SIZE', 1000),
    timeoutMs: positiveInteger(env, 'BENCH_TIMEOUT_MS', 20 * 60_000),
    deployments: deployments(env.BENCH_ONLY),
    kafkaBrokers: env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoRoot: (env.MONGO_URL ?? 'mongodb://127.0.0.1:27017').replace(/\/+$/, ''),
    profileDir: env.BENCH_PROFILE_DIR || undefined,
  };
}

function deployments(only: string | undefined): DeploymentName[] {
  if (only === undefined || only.trim() === '') return [...DEFAULT_DEPLOYMENTS];
  return only.split(',').map((name) => {
    const trimmed = name.trim();
    const known = DEPLOYMENTS.find((deployment) => deployment === trimmed);
    if (!known) {
      throw new RangeError(
        `BENCH_ONLY: unknown deployment "${trimmed}" (known: ${DEPLOYMENTS.join(', ')})`,
      );
    }
    return known;
  });
}
