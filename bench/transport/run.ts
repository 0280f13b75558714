/*
 * Transport benchmark: for each adapter, the publish rate and the consume rate (events/s) of
 * N events, next to the raw client (kafkajs, ioredis, bullmq) doing the same work in the
 * same run, on the real brokers (Kafka on KAFKA_BROKERS, Redis on REDIS_URL; start them with
 * `npm run services up kafka redis`). Goal: every adapter at least 0.8x its raw client.
 * Record the figures in bench/RESULTS.md.
 *
 *   npm run bench:transport
 *
 * Environment (defaults in brackets):
 *   BENCH_EVENTS [20000]        N, events per adapter and per raw client
 *   BENCH_BATCH [1000]          events per publish call / producer request / XREADGROUP
 *   BENCH_PAYLOAD_BYTES [256]   size of each event's JSON data
 *   BENCH_KEYS [1000]           distinct partition keys
 *   BENCH_WARMUP_EVENTS [N]     events of an unmeasured round first (JIT, connections); 0: none
 *   BENCH_ROUNDS [5]            measured rounds, raw and adapter taking turns to go first; the
 *                               tables show each one's median, and every round's ratios follow
 *   BENCH_TIMEOUT_MS [120000]   longest one publish or consume phase may take
 *   BENCH_ONLY                  comma-separated subset of kafka, redis-streams, bullmq, in-memory
 *   BENCH_KAFKA_PARTITIONS [3]  partitions of every topic, and the Kafka consumers' concurrency
 *   BENCH_REDIS_CONCURRENCY [BENCH_BATCH]  concurrency of the Redis Streams subscription
 *   BENCH_JOB_CONCURRENCY [50]  worker concurrency, BullMQ and in-memory job queue
 *   KAFKA_BROKERS [127.0.0.1:9092], REDIS_URL [redis://127.0.0.1:6379]
 *
 * Every phase stops by itself (bounded loops, timeouts); topics, groups, streams and queues
 * the run created are deleted at the end, also when it fails.
 */
import { loadavg } from 'node:os';
import { bullMqSuite } from './bullmq.suite';
import { type BenchConfig, readConfig, type SuiteName } from './config';
import { type BenchEvent, inBatches, makeEvents } from './events';
import { inMemorySuites } from './in-memory.suite';
import { kafkaSuite } from './kafka.suite';
import { redisStreamsSuite } from './redis-streams.suite';
import {
  belowGoal,
  descriptions,
  medianRound,
  ratesTable,
  type RoundResult,
  roundsTable,
  type SuiteResult,
  timesTable,
} from './report';
import type { RoundInput, Suite } from './suite';

/** Hard stop for the whole run, should a client hang where no phase timeout reaches. */
const WATCHDOG_MS = 20 * 60_000;
/** Grace for clients to let the process exit once everything is closed. */
const EXIT_GRACE_MS = 10_000;

const SUITES: Readonly<Record<SuiteName, (config: BenchConfig) => Promise<Suite[]>>> = {
  kafka: async (config) => [await kafkaSuite(config)],
  'redis-streams': async (config) => [await redisStreamsSuite(config)],
  bullmq: async (config) => [await bullMqSuite(config)],
  'in-memory': async (config) => inMemorySuites(config),
};

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  const [load1] = loadavg();
  console.log(
    `# Transport benchmark: N=${config.events}, batches of ${config.batchSize}, ` +
      `${config.payloadBytes}-byte JSON data, ${config.keys} keys, warm-up ${config.warmupEvents}, ` +
      `Node ${process.version}, load average ${load1.toFixed(2)}\n`,
  );
  const events = makeEvents(config.events, config.keys, config.payloadBytes);
  const measured = Array.from({ length: config.rounds }, (_, i) =>
    roundInput(`m${i + 1}`, events, config),
  );
  const warmup =
    config.warmupEvents > 0
      ? roundInput('w', makeEvents(config.warmupEvents, config.keys, config.payloadBytes), config)
      : undefined;

  const results: SuiteResult[] = [];
  for (const name of config.suites) {
    let suites: Suite[];
    try {
      suites = await SUITES[name](config);
    } catch (error) {
      console.error(`bench: ${name}: could not set up: ${errorText(error)}`);
      results.push({ name, adapterDescription: '', error: errorText(error) });
      continue;
    }
    for (const suite of suites) {
      const result = await runSuite(suite, measured, warmup);
      results.push(result);
      console.error(`bench: ${suite.name} done${result.error ? ` (failed: ${result.error})` : ''}`);
    }
  }

  console.log(ratesTable(results));
  console.log(`\n${timesTable(results)}`);
  console.log(`\n${roundsTable(results)}`);
  console.log(`\nWhat was measured:\n${descriptions(results)}`);
  const below = belowGoal(results);
  console.log(
    below.length === 0
      ? '\nEvery adapter is at or above its goal.'
      : `\nBelow goal:\n- ${below.join('\n- ')}`,
  );
  if (results.some((result) => result.error)) process.exitCode = 1;
  clearTimeout(watchdog);
}

/**
 * Warm-up round (unmeasured) of both, then the measured rounds, the raw client and the
 * adapter taking turns to go first (whoever goes second finds the broker busier, with the
 * first one's data to compact and flush); each one's median round is its result. On these
 * shared 2-core machines one round's rates move by up to 30%, so one round decides nothing.
 */
async function runSuite(
  suite: Suite,
  measured: readonly RoundInput[],
  warmup: RoundInput | undefined,
): Promise<SuiteResult> {
  const described = {
    name: suite.name,
    adapterDescription: suite.adapter.description,
    rawDescription: suite.raw?.description,
  };
  try {
    if (warmup) {
      if (suite.raw) await suite.raw.round(warmup);
      await suite.adapter.round(warmup);
    }
    const rounds: RoundResult[] = [];
    for (const [i, input] of measured.entries()) {
      const rawFirst = i % 2 === 0;
      const rawBefore = rawFirst && suite.raw ? await suite.raw.round(input) : undefined;
      const adapter = await suite.adapter.round(input);
      const raw = rawBefore ?? (suite.raw ? await suite.raw.round(input) : undefined);
      rounds.push({ adapter, raw });
    }
    return { ...described, ...medianRound(rounds), rounds };
  } catch (error) {
    return { ...described, error: errorText(error) };
  } finally {
    await suite.close();
  }
}

function roundInput(
  round: RoundInput['round'],
  events: readonly BenchEvent[],
  config: BenchConfig,
): RoundInput {
  return {
    round,
    events,
    batches: inBatches(events, config.batchSize),
    timeoutMs: config.timeoutMs,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    // Clients that linger after close() (sockets, retry timers) must not keep the run alive.
    setTimeout(() => {
      console.error(`bench: clients still open ${EXIT_GRACE_MS} ms after closing; exiting`);
      process.exit();
    }, EXIT_GRACE_MS).unref();
  });
