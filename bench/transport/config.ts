import { nonNegativeInteger, positiveInteger } from '../common/env';

/** What one benchmark run measures, read from the environment (see run.ts for the names). */
export interface BenchConfig {
  /** Events published, then consumed, per adapter and per raw client (N). */
  readonly events: number;
  /** Events per publish call (adapters) or per producer request (raw clients). */
  readonly batchSize: number;
  /** Size of each event's JSON `data`, in bytes. */
  readonly payloadBytes: number;
  /** Distinct partition keys the events are spread over (round robin). */
  readonly keys: number;
  /** Events of the unmeasured round before the measured one (JIT, connections); 0 skips it. */
  readonly warmupEvents: number;
  /** Measured rounds; the tables show each contender's median round (BENCH_ROUNDS). */
  readonly rounds: number;
  /** Longest one phase (a publish of N, or a consume of N) may take before the run fails. */
  readonly timeoutMs: number;
  readonly suites: readonly SuiteName[];
  readonly kafkaBrokers: readonly string[];
  readonly kafkaPartitions: number;
  readonly redisUrl: string;
  /** `concurrency` of the Redis Streams subscription (entries read and handled at once). */
  readonly redisConcurrency: number;
  /** Worker concurrency, BullMQ (raw and adapter) and the in-memory job queue alike. */
  readonly jobConcurrency: number;
}

export const SUITE_NAMES = ['kafka', 'redis-streams', 'bullmq', 'in-memory'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const batchSize = positiveInteger(env, 'BENCH_BATCH', 1000);
  const events = positiveInteger(env, 'BENCH_EVENTS', 20_000);
  return {
    events,
    batchSize,
    payloadBytes: positiveInteger(env, 'BENCH_PAYLOAD_BYTES', 256),
    keys: positiveInteger(env, 'BENCH_KEYS', 1000),
    // As many as measured: V8 keeps optimising the envelope code well into the first 20,000
    // events (RedisStreamsPubSub.publish ran at 28k, 35k, then 63k events/s over three
    // 20,000-event rounds of one process).
    warmupEvents: nonNegativeInteger(env, 'BENCH_WARMUP_EVENTS', events),
    timeoutMs: positiveInteger(env, 'BENCH_TIMEOUT_MS', 120_000),
    rounds: positiveInteger(env, 'BENCH_ROUNDS', 5),
    suites: suites(env.BENCH_ONLY),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
    kafkaPartitions: positiveInteger(env, 'BENCH_KAFKA_PARTITIONS', 3),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisConcurrency: positiveInteger(env, 'BENCH_REDIS_CONCURRENCY', batchSize),
    jobConcurrency: positiveInteger(env, 'BENCH_JOB_CONCURRENCY', 50),
  };
}

function suites(only: string | undefined): SuiteName[] {
  if (only === undefined || only.trim() === '') return [...SUITE_NAMES];
  return only.split(',').map((name) => {
    const trimmed = name.trim();
    const known = SUITE_NAMES.find((suite) => suite === trimmed);
    if (!known) {
      throw new RangeError(
        `BENCH_ONLY: unknown suite "${trimmed}" (known: ${SUITE_NAMES.join(', ')})`,
      );
    }
    return known;
  });
}
